package io.detectionhub.deployment;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.library.workflow.RuleReview;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.EntityMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.translate.TargetService;
import io.detectionhub.translate.TranslationService;
import io.detectionhub.web.TitleSlug;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports rules as Sentinel analytics rules and Defender custom detections: one rule (validated before it is written),
 * a selection as a zip, and the per-rule deployment settings (kept in the rule's enrichment, written through the
 * library's one write path, so the change is versioned, evented and audited like every enrichment change).
 */
@Service
public class DeploymentService {

    /** The most rules one bulk export reads (a whole SigmaHQ library is about 3,750). */
    public static final int MAX_BULK_RULES = 20_000;
    private static final int PAGE = 200;

    private final RuleService rules;
    private final TranslationService translations;
    private final TargetService targets;
    private final RuleReview review;

    public DeploymentService(RuleService rules, TranslationService translations, TargetService targets,
                             RuleReview review) {
        this.rules = rules;
        this.translations = translations;
        this.targets = targets;
        this.review = review;
    }

    /** The target a format deploys to by default, or the one named. */
    public Target target(DeploymentFormat format, String name) {
        return targets.resolve(name == null || name.isBlank() ? format.defaultTarget() : name, null);
    }

    /** One stored rule in one format, with the builder's and validator's findings (never refused here). */
    public DeploymentExport export(String ruleId, DeploymentFormat format, String targetName) {
        StoredRule rule = rules.find(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
        return export(rule, format, target(format, targetName));
    }

    public DeploymentExport export(StoredRule rule, DeploymentFormat format, Target target) {
        TranslationService.TargetOutcome outcome = translations.translateStored(rule, List.of(target),
                TranslationOptions.PLAIN).get(0);
        String fileName = fileName(rule, format);
        if (outcome.translation() == null) {
            return new DeploymentExport(rule.id(), rule.document().title(), format, target.name(), fileName, null,
                    "the target " + target.name() + " cannot translate the rule: " + outcome.refusal(),
                    List.of(Finding.error("query", "the target " + target.name() + " cannot translate the rule: "
                            + outcome.refusal())), null);
        }
        AnalyticsRule analyticsRule = AnalyticsRuleBuilder.build(rule, target, outcome.translation());
        List<Finding> findings = new ArrayList<>(DeploymentValidator.validate(analyticsRule, format));
        findings.addAll(analyticsRule.findings());
        return new DeploymentExport(rule.id(), rule.document().title(), format, target.name(), fileName,
                DeploymentWriters.write(format, analyticsRule), null, List.copyOf(findings), analyticsRule);
    }

    /** One rule's export, refused with its reasons when it is not valid. */
    public DeploymentExport validExport(String ruleId, DeploymentFormat format, String targetName) {
        DeploymentExport export = export(ruleId, format, targetName);
        if (!export.valid()) {
            throw new NotDeployableException(ruleId, format, export.target(), export.refusal() != null
                    ? export.refusal() : "The validator found " + export.errors().size() + " error(s): "
                    + String.join("; ", export.errors().stream().map(Finding::toString).toList()), export.findings());
        }
        return export;
    }

    /** {@code <title-slug>-<first 8 of the stable id>.<ext>}: readable, and unique per rule. */
    static String fileName(StoredRule rule, DeploymentFormat format) {
        return TitleSlug.of(rule.document().title(), "rule") + "-" + StableIds.of(rule.id()).toString().substring(0, 8)
                + "." + format.extension();
    }

    // ------------------------------------------------------------------------------------------------ settings

    /** The rule's settings as stored and as they take effect (defaults filled in). */
    public SettingsView settings(String ruleId) {
        StoredRule rule = rules.find(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
        return SettingsView.of(rule);
    }

    /**
     * Replaces a rule's deployment settings (a person's edit of its enrichment, with the rule's version as
     * If-Match). Settings the validator refuses on their own (schedule, threshold, custom detail names, entity
     * types) are refused with their findings.
     */
    public StoredRule updateSettings(String ruleId, DeploymentSettings settings, Long expectedVersion) {
        StoredRule rule = rules.find(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
        DeploymentSettings next = settings == null ? DeploymentSettings.DEFAULTS : settings;
        List<Finding> errors;
        try {
            EffectiveSettings effective = SettingsView.effective(rule, next);
            List<EntityMapping> entities = next.entities().stream()
                    .map(e -> new EntityMapping(e.type(), e.identifiers())).toList();
            errors = DeploymentValidator.settings(effective, span(rule), entities, List.of()).stream()
                    .filter(Finding::isError).toList();
        } catch (IllegalArgumentException e) {
            errors = List.of(Finding.error("settings", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new NotDeployableException(ruleId, DeploymentFormat.ARM, null, "The deployment settings are not "
                    + "valid: " + String.join("; ", errors.stream().map(Finding::toString).toList()), errors);
        }
        return rules.updateEnrichment(ruleId, rule.enrichment().withDeployment(next), expectedVersion);
    }

    static java.time.Duration span(StoredRule rule) {
        return rule.document() instanceof SigmaCorrelation c ? c.timespan() : null;
    }

    // ------------------------------------------------------------------------------------------------ bulk

    /** What a bulk export wrote and left out. */
    public record BulkReport(String format, String target, int selected, int exported,
                             List<LeftOut> leftOut, Map<String, Integer> leftOutReasons) {
    }

    public record LeftOut(String ruleId, String title, String reason, List<String> errors) {
    }

    /**
     * Writes a zip of the rules {@code query} selects: one file per rule that exports without errors, for Sentinel
     * formats one combined ARM template ({@code azuredeploy.json}) of them all, and {@code report.json} naming the
     * rules left out and why.
     */
    public BulkReport bulk(RuleQuery query, DeploymentFormat format, String targetName, DeployedRevision revision,
                           OutputStream out) throws IOException {
        return bulk(query, format, targetName, revision, out, done -> { });
    }

    /** The same, telling {@code progress} how many selected rules have been read so far. */
    public BulkReport bulk(RuleQuery query, DeploymentFormat format, String targetName, DeployedRevision revision,
                           OutputStream out, java.util.function.IntConsumer progress) throws IOException {
        Target target = target(format, targetName);
        List<AnalyticsRule> exported = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int selected = 0;
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        String folder = format.keyword() + "/";
        for (int page = 0; selected < MAX_BULK_RULES; page++) {
            Page<RuleSummary> hits = rules.search(query, PageRequest.of(page, PAGE, Sort.by("title")));
            for (RuleSummary hit : hits) {
                StoredRule rule = rules.find(hit.id()).orElse(null);
                if (rule == null || !(rule.document() instanceof SigmaRule || rule.document() instanceof SigmaCorrelation)) {
                    continue;
                }
                selected++;
                progress.accept(selected);
                if (revision == DeployedRevision.APPROVED) {
                    StoredRule approved = review.approvedRule(rule).orElse(null);
                    if (approved == null) {
                        String state = review.state(rule.id());
                        reasons.merge("not approved", 1, Integer::sum);
                        leftOut.add(new LeftOut(rule.id(), rule.document().title(), "not approved (review state: "
                                + state + "); revision=latest deploys rules as they are", List.of()));
                        continue;
                    }
                    rule = approved;
                }
                DeploymentExport export = export(rule, format, target);
                if (export.valid()) {
                    exported.add(export.rule());
                    zip.putNextEntry(new ZipEntry(folder + export.fileName()));
                    zip.write(export.content().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                } else {
                    String reason = export.refusal() != null ? reasonOf(export.refusal())
                            : "validator: " + export.errors().get(0).field();
                    reasons.merge(reason, 1, Integer::sum);
                    leftOut.add(new LeftOut(rule.id(), rule.document().title(), export.refusal() != null
                            ? export.refusal() : "the validator found errors",
                            export.errors().stream().map(Finding::toString).toList()));
                }
            }
            if (!hits.hasNext()) {
                break;
            }
        }
        if (format != DeploymentFormat.DEFENDER_JSON && !exported.isEmpty()) {
            zip.putNextEntry(new ZipEntry("azuredeploy.json"));
            zip.write(DeploymentWriters.armTemplate(exported).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        BulkReport report = new BulkReport(format.keyword(), target.name(), selected, exported.size(), leftOut, reasons);
        zip.putNextEntry(new ZipEntry("report.json"));
        zip.write(DeploymentWriters.json(report).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        return report;
    }

    /** A refusal's kind, for counting (the part before the first quote or colon detail). */
    static String reasonOf(String refusal) {
        String r = refusal.replaceFirst("^the target \\S+ cannot translate the rule: ", "untranslatable: ");
        r = r.replaceAll("'[^']*'", "'…'");
        return r.length() > 120 ? r.substring(0, 120) + "…" : r;
    }
}

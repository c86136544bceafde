package io.detectionhub.translate;

import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevision;
import io.detectionhub.library.workflow.ReviewSection;
import io.detectionhub.library.workflow.ReviewSectionView;
import io.detectionhub.library.workflow.ReviewSectionView.Item;
import io.detectionhub.library.workflow.ReviewSectionView.Status;
import io.detectionhub.library.workflow.TextDiff;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.translate.TranslationService.TargetOutcome;
import io.detectionhub.translate.custom.CustomTargetService;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The review's KQL section: for every built-in and user target, the approved revision's query beside the current
 * one, both translated as stored rules are ({@link TranslationService#translateStored(StoredRule, List,
 * TranslationOptions)}), so what the review shows is what export and deployment would take. Item states:
 * {@code unchanged}, {@code changed} (with the diff), {@code new} (never approved: the whole query),
 * {@code untranslatable} (the current text cannot be translated for the target, or the target does not load).
 */
@Component
@Order(10)
class KqlReviewSection implements ReviewSection {

    static final String NAME = "kql";

    private final TranslationService translations;
    private final TargetService targets;
    private final CustomTargetService userTargets;
    private final RuleService rules;

    KqlReviewSection(TranslationService translations, TargetService targets, CustomTargetService userTargets,
                     RuleService rules) {
        this.translations = translations;
        this.targets = targets;
        this.userTargets = userTargets;
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReviewSectionView view(String ruleId, RuleRevision approved, StoredRule current) {
        List<Target> all = targets.all();
        List<TargetOutcome> now = translations.translateStored(current, all, TranslationOptions.PLAIN);
        List<TargetOutcome> before = approved == null ? null : approvedOutcomes(approved, current, all, now);
        String from = approved == null ? "never approved" : "revision " + approved.number() + " (approved)";
        List<Item> items = new ArrayList<>();
        int changed = 0;
        int untranslatable = 0;
        for (int i = 0; i < all.size(); i++) {
            Item item = item(all.get(i).name(), from, before == null ? null : before.get(i), now.get(i));
            items.add(item);
            changed += item.state().equals("unchanged") ? 0 : 1;
            untranslatable += item.state().equals("untranslatable") ? 1 : 0;
        }
        userTargets.list().stream().filter(t -> t.target() == null).forEach(t -> items.add(new Item(
                t.current().name(), t.current().name(), "untranslatable", "The target does not load: "
                + String.join("; ", userTargets.problems(t.current().name())), null, null, null)));
        String cannot = untranslatable == 0 ? "" : "; " + untranslatable + (untranslatable == 1
                ? " target cannot translate the current text" : " targets cannot translate the current text");
        String summary;
        Status status;
        if (approved == null) {
            status = Status.CHANGED;
            summary = "Never approved: the query each of the " + all.size() + " targets would get" + cannot + ".";
        } else if (changed == 0) {
            status = Status.UNCHANGED;
            summary = "The KQL is the same as revision " + approved.number() + "'s for all " + all.size()
                    + " targets.";
        } else {
            status = Status.CHANGED;
            summary = "The KQL differs from revision " + approved.number() + "'s for " + changed + " of "
                    + all.size() + " targets" + cannot + ".";
        }
        String rulePage = UriComponentsBuilder.fromPath("/rules/{id}").fragment("s-kql").buildAndExpand(ruleId)
                .encode().toUriString();
        return new ReviewSectionView(NAME, "KQL per target", status, summary, items,
                List.of(new ReviewSectionView.Link("The rule's KQL", rulePage)));
    }

    /**
     * The approved revision translated the same way as the current rule (same exceptions, same referenced rules);
     * the current outcomes again when its text is the current one, every target refusing when it no longer parses.
     */
    private List<TargetOutcome> approvedOutcomes(RuleRevision approved, StoredRule current, List<Target> all,
                                                 List<TargetOutcome> now) {
        if (approved.yaml().equals(current.yaml())) {
            return now;
        }
        StoredRule rule;
        try {
            rule = rules.withContent(current, approved.yaml(), approved.enrichmentJson(), approved.number());
        } catch (SigmaValidationException e) {
            return all.stream().map(t -> new TargetOutcome(t, null, "the approved revision no longer parses: "
                    + e.getMessage())).toList();
        }
        return translations.translateStored(rule, all, TranslationOptions.PLAIN);
    }

    private static Item item(String target, String from, TargetOutcome before, TargetOutcome now) {
        String oldQuery = before == null || before.translation() == null ? null : before.translation().query();
        String newQuery = now.translation() == null ? null : now.translation().query();
        TextDiff diff = TextDiff.of(from, oldQuery, "current", newQuery);
        if (newQuery == null) {
            String message = "The current text cannot be translated: " + now.refusal()
                    + (before == null ? "." : oldQuery != null ? " (the approved revision translates)."
                    : before.refusal().equals(now.refusal()) ? " (nor could the approved revision)."
                    : "; the approved revision could not be either: " + before.refusal() + ".");
            return new Item(target, target, "untranslatable", message, null, oldQuery == null ? null : diff, null);
        }
        if (before == null) {
            return new Item(target, target, "new", "Never approved: the whole query is new.", null, diff, null);
        }
        if (oldQuery == null) {
            return new Item(target, target, "changed", "The approved revision could not be translated: "
                    + before.refusal() + "; the current text can.", null, diff, null);
        }
        return diff.unchanged()
                ? new Item(target, target, "unchanged", "Unchanged.", null, null, null)
                : new Item(target, target, "changed", "The query changed.", null, diff, null);
    }
}

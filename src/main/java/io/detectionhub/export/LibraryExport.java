package io.detectionhub.export;

import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.translate.TranslationService;
import io.detectionhub.web.TitleSlug;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a selection of the library as a zip, rule by rule (a page of 100 rules at a time in memory, whatever the
 * library's size):
 * <ul>
 *     <li>the stored YAML, byte for byte: an imported rule at its path in its source (the repository's own layout),
 *     others at {@code rules/<product>/<category or service>/<title-slug>.yml} (rules without a logsource under
 *     {@code rules/any/});</li>
 *     <li>{@code <same name>.enrichment.json}: the rule's enrichment, as {@code GET /api/rules/{id}/enrichment} gives
 *     it and {@code POST /api/rules} (JSON) takes it back;</li>
 *     <li>{@code <same name>.tests.json}: the rule's test cases when it has any ({@code RuleTestsJson}), which the
 *     import of the zip ({@code POST /api/imports}) reads back, create-or-update by case name;</li>
 *     <li>{@code <same name>.exceptions.yml}: the rule's tuning exceptions that apply today
 *     ({@link ExceptionsSidecar}; expired ones stay in the rule's history), read back by the import the same way;</li>
 *     <li>{@code <same name>.<target>.kql} for each target asked for (a rule the target refuses has none; the
 *     manifest says why);</li>
 *     <li>{@code manifest.json} (when, the library version, the filters, each rule's id, title and files),
 *     {@code selection.csv} and {@code navigator-layer.json} (ATT&amp;CK Navigator, techniques scored by rule count).</li>
 * </ul>
 */
@Service
public class LibraryExport {

    static final int PAGE = 100;

    private final RuleService rules;
    private final TranslationService translations;
    private final RuleTestService tests;
    private final RuleExceptions exceptions;
    private final Clock clock = Clock.systemUTC();
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public LibraryExport(RuleService rules, TranslationService translations, RuleTestService tests,
                         RuleExceptions exceptions) {
        this.exceptions = exceptions;
        this.rules = rules;
        this.translations = translations;
        this.tests = tests;
    }

    /** Writes the rules matching {@code query} (in title order) as a zip to {@code out}; closes nothing of it. */
    public void write(RuleQuery query, Map<String, List<String>> parameters, List<Target> targets, OutputStream out)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", "detection-hub-export/1");
        manifest.put("exportedAt", Instant.now(clock).toString());
        manifest.put("libraryVersion", rules.libraryVersion());
        manifest.set("filters", json.valueToTree(parameters));
        manifest.set("targets", json.valueToTree(targets.stream().map(Target::name).toList()));
        ArrayNode entries = manifest.putArray("rules");
        Map<String, Integer> techniqueCounts = new TreeMap<>();
        Set<String> paths = new HashSet<>();
        Set<String> withTests = tests.counts().keySet();
        Map<String, List<RuleException>> active = exceptions.activeForAll();
        StringBuilder csv = new StringBuilder();
        CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setHeader("id", "title", "level",
                "status", "product", "category", "service", "tactics", "techniques", "file").get());
        forEach(query, summary -> {
            StoredRule rule = rules.find(summary.id()).orElse(null);
            if (rule == null) {
                return; // deleted while exporting
            }
            String base = path(rule, summary, paths);
            try {
                put(zip, base + ".yml", rule.yaml());
                put(zip, base + ".enrichment.json", json.writeValueAsString(rule.enrichment()));
                ObjectNode entry = entries.addObject();
                entry.put("id", rule.id());
                entry.put("title", summary.title());
                entry.put("kind", rule.kind().name().toLowerCase(Locale.ROOT));
                entry.put("file", base + ".yml");
                entry.put("version", rule.version());
                if (withTests.contains(rule.id())) {
                    put(zip, base + ".tests.json", tests.casesJson(rule.id()));
                    entry.put("tests", base + ".tests.json");
                }
                if (active.containsKey(rule.id())) {
                    put(zip, base + ExceptionsSidecar.SUFFIX, ExceptionsSidecar.write(rule.id(), active.get(rule.id())));
                    entry.put("exceptions", base + ExceptionsSidecar.SUFFIX);
                }
                if (!targets.isEmpty()) {
                    ObjectNode kql = entry.putObject("kql");
                    for (var outcome : translations.translateStored(rule, targets, TranslationOptions.PLAIN)) {
                        if (outcome.translation() != null) {
                            String file = base + "." + outcome.target().name() + ".kql";
                            put(zip, file, outcome.translation().query() + "\n");
                            kql.put(outcome.target().name(), file);
                        } else {
                            kql.put(outcome.target().name(), "refused: " + outcome.refusal());
                        }
                    }
                }
                printer.printRecord(rule.id(), summary.title(), summary.level(), summary.status(), summary.product(),
                        summary.category(), summary.service(), String.join(" ", summary.tactics()),
                        String.join(" ", summary.techniques()), base + ".yml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            summary.techniques().forEach(t -> techniqueCounts.merge(t, 1, Integer::sum));
        });
        manifest.put("count", entries.size());
        put(zip, "manifest.json", json.writeValueAsString(manifest));
        printer.flush();
        put(zip, "selection.csv", csv.toString());
        put(zip, "navigator-layer.json", json.writeValueAsString(layer(techniqueCounts, entries.size())));
        zip.finish();
        zip.flush();
    }

    private void forEach(RuleQuery query, Consumer<RuleSummary> each) {
        for (int page = 0; ; page++) {
            Page<RuleSummary> rulesPage = rules.search(query, PageRequest.of(page, PAGE, Sort.by("title")));
            rulesPage.forEach(each);
            if (!rulesPage.hasNext()) {
                return;
            }
        }
    }

    /**
     * Where the rule goes in the zip, without extension, unique within the export: an imported rule at its path in
     * its source (so an export of a repository's rules has the repository's layout), others under
     * {@code rules/<product>/<category or service>/<slug>}.
     */
    static String path(StoredRule rule, RuleSummary summary, Set<String> taken) {
        String sourcePath = sourcePath(rule);
        if (sourcePath != null) {
            String path = sourcePath;
            if (!taken.add(path)) {
                path = sourcePath + "-" + rule.id();
                taken.add(path);
            }
            return path;
        }
        return path(summary, taken);
    }

    /** The provenance path without its extension, when it is a plain relative path; null otherwise. */
    static String sourcePath(StoredRule rule) {
        if (rule.provenance() == null || rule.provenance().path() == null) {
            return null;
        }
        String path = rule.provenance().path().replace('\\', '/');
        if (path.startsWith("/") || path.contains("//") || path.contains(":")
                || java.util.Arrays.asList(path.split("/")).contains("..")
                || !path.matches("[\\w ./()+,@=-]+\\.(yml|yaml)")) {
            return null;
        }
        return path.substring(0, path.lastIndexOf('.'));
    }

    /** {@code rules/<product>/<category or service>/<slug>}, unique within the export. */
    static String path(RuleSummary rule, Set<String> taken) {
        String product = folder(rule.product());
        String group = folder(rule.category() != null ? rule.category() : rule.service());
        String folder = "rules/" + product + (group.equals("any") ? "" : "/" + group) + "/";
        String slug = TitleSlug.of(rule.title(), rule.id()).toLowerCase(Locale.ROOT);
        String path = folder + slug;
        if (!taken.add(path)) {
            path = folder + slug + "-" + rule.id();
            taken.add(path);
        }
        return path;
    }

    private static String folder(String name) {
        if (name == null || name.isBlank()) {
            return "any";
        }
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
        return clean.isEmpty() || clean.equals("_") ? "any" : clean;
    }

    private ObjectNode layer(Map<String, Integer> counts, int total) {
        ObjectNode layer = json.createObjectNode();
        layer.put("name", "Detection Hub export");
        layer.put("domain", "enterprise-attack");
        layer.put("description", total + " rules exported; score = rules per technique");
        layer.putObject("versions").put("layer", "4.5").put("navigator", "5.1.0");
        ArrayNode techniques = layer.putArray("techniques");
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        counts.forEach((id, n) -> techniques.addObject().put("techniqueID", id).put("score", n)
                .put("comment", n + (n == 1 ? " rule" : " rules")));
        layer.putObject("gradient").put("minValue", 0).put("maxValue", max)
                .set("colors", json.valueToTree(List.of("#ffffff", "#66b1ff")));
        return layer;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        w.write(text);
        w.flush();
        zip.closeEntry();
    }

}

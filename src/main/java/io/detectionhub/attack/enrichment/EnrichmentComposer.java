package io.detectionhub.attack.enrichment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.atomic.simulation.SimulatedEvent;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageChecker;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults;
import io.detectionhub.attack.coverage.atomic.AtomicSimulationCache;
import io.detectionhub.attack.enrichment.DerivedEnrichment.DerivedAtomicTest;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaTag;

/**
 * Derives enrichment from a rule and the ATT&amp;CK / Atomic catalogues: tactics of its techniques, Atomic tests for
 * its techniques (on the rule's platform, with the process-creation telemetry each produces and whether this rule
 * fires on it), data sources, the table each built-in KQL target reads, tuning guidance from {@code falsepositives}
 * and a draft hunt hypothesis. Plain Java; the caller marks every part as generated.
 */
public final class EnrichmentComposer {

    static final int MAX_ATOMIC_TESTS = 50;
    private static final int MAX_TELEMETRY_CHARS = 3900;
    private static final Set<String> NO_FALSE_POSITIVES = Set.of("unknown", "unlikely", "none", "none known",
            "n/a", "low", "rare");

    private final AttackCatalog catalog;
    private final AtomicIndex atomics;
    private final TargetRegistry targets;
    private final KqlTranslator translator = new KqlTranslator();

    private final AtomicSimulationCache simulations;

    public EnrichmentComposer(AttackCatalog catalog, AtomicIndex atomics, TargetRegistry targets) {
        this(catalog, atomics, targets, new AtomicSimulationCache());
    }

    /** @param simulations shared across calls for the same Atomic index (simulated events depend only on the test) */
    public EnrichmentComposer(AttackCatalog catalog, AtomicIndex atomics, TargetRegistry targets,
                              AtomicSimulationCache simulations) {
        this.catalog = catalog;
        this.atomics = atomics;
        this.targets = targets;
        this.simulations = simulations;
    }

    public DerivedEnrichment compose(SigmaDocument document) {
        List<String> techniqueIds = new ArrayList<>();
        Set<String> tagTactics = new LinkedHashSet<>();
        for (SigmaTag tag : document.metadata().parsedTags()) {
            tag.attackTechniqueId().filter(id -> !techniqueIds.contains(id)).ifPresent(techniqueIds::add);
            tag.attackTactic().ifPresent(tagTactics::add);
        }
        LogSource logsource = logsourceOf(document);
        Set<String> tactics = new LinkedHashSet<>(tagTactics);
        techniqueIds.forEach(id -> tactics.addAll(catalog.technique(id).tactics()));
        return new DerivedEnrichment(
                huntHypothesis(document, techniqueIds, logsource),
                tuningGuidance(document.metadata().falsepositives()),
                List.copyOf(tactics),
                atomicTests(document, techniqueIds, logsource),
                dataSources(techniqueIds, logsource),
                requiredTables(document, logsource));
    }

    private static LogSource logsourceOf(SigmaDocument document) {
        if (document instanceof SigmaRule r) {
            return r.logsource();
        }
        if (document instanceof SigmaFilter f) {
            return f.logsource();
        }
        return null;
    }

    String huntHypothesis(SigmaDocument document, List<String> techniqueIds, LogSource logsource) {
        StringBuilder sb = new StringBuilder();
        String description = firstSentence(document.metadata().description());
        if (techniqueIds.isEmpty()) {
            sb.append("Adversary activity matching \"").append(document.metadata().title()).append("\" may be present");
        } else {
            sb.append("Adversaries may be using ").append(techniqueIds.stream()
                    .map(id -> catalog.fullName(id) + " (" + id + ")").collect(Collectors.joining(", ")));
            List<String> tactics = techniqueIds.stream().flatMap(id -> catalog.technique(id).tactics().stream())
                    .distinct().map(t -> catalog.tactic(t).map(x -> x.name()).orElse(t)).toList();
            if (!tactics.isEmpty()) {
                sb.append(" for ").append(String.join(" / ", tactics));
            }
        }
        if (logsource != null && logsource != LogSource.EMPTY && logsource.product() != null) {
            sb.append(" on ").append(logsource.product()).append(" hosts");
        }
        sb.append(".");
        if (!description.isEmpty()) {
            sb.append(" Signal: ").append(description);
            if (!description.endsWith(".")) {
                sb.append('.');
            }
        }
        sb.append(" Hunt: search ").append(logsource == null ? "the events the rule reads" : logsource + " events")
                .append(" for this rule's matches over a longer window, group them by host, user and parent process, "
                        + "and treat what no known administration or software explains as a lead.");
        List<String> fps = meaningfulFalsePositives(document.metadata().falsepositives());
        if (!fps.isEmpty()) {
            sb.append(" Rule out first: ").append(String.join("; ", fps)).append('.');
        }
        return sb.toString();
    }

    static List<String> tuningGuidance(List<String> falsepositives) {
        List<String> fps = meaningfulFalsePositives(falsepositives);
        List<String> out = new ArrayList<>();
        for (String fp : fps) {
            out.add("Known false positive: " + fp + ". Confirm it with the owner of the system, then exclude it with "
                    + "the narrowest condition that identifies it (parent process, user, host or exact command line), "
                    + "not by removing a selection.");
        }
        if (out.isEmpty()) {
            out.add("The rule's author lists no common false positives: treat each match as worth a look, and record "
                    + "any benign cause you find so it can become a filter.");
        }
        return out;
    }

    private static List<String> meaningfulFalsePositives(List<String> falsepositives) {
        return falsepositives.stream().map(String::strip).filter(s -> !s.isEmpty())
                .filter(s -> !NO_FALSE_POSITIVES.contains(s.toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "")))
                .map(s -> s.replaceAll("[.]+$", "")).distinct().toList();
    }

    List<DerivedAtomicTest> atomicTests(SigmaDocument document, List<String> techniqueIds, LogSource logsource) {
        String product = logsource == null || logsource.product() == null ? null
                : logsource.product().toLowerCase(Locale.ROOT);
        List<AtomicCoverageChecker.TestRef> refs = new ArrayList<>();
        for (String id : techniqueIds) {
            for (AtomicTest test : atomics.tests(id)) {
                if (product == null || !isPlatform(product) || test.platforms().contains(product)) {
                    refs.add(new AtomicCoverageChecker.TestRef(Technique.normalizeId(id), test));
                }
            }
        }
        if (refs.isEmpty()) {
            return List.of();
        }
        List<AtomicCoverageResults.TestResult> results = document instanceof SigmaRule rule
                ? checkOnlyThisRule(rule, refs) : List.of();
        List<DerivedAtomicTest> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            AtomicCoverageChecker.TestRef ref = refs.get(i);
            boolean fires = !results.isEmpty() && results.get(i).status() == AtomicCoverageResults.Status.DETECTED;
            List<SimulatedEvent> events = simulations.simulate(ref.techniqueId(), ref.test()).events().stream()
                    .filter(e -> product == null || !isPlatform(product) || e.product().equals(product)).toList();
            out.add(new DerivedAtomicTest(ref.test().name(), ref.test().guid(), ref.techniqueId(),
                    telemetry(ref.test(), events, fires, document instanceof SigmaRule), fires));
        }
        out.sort(Comparator.comparing((DerivedAtomicTest t) -> !t.ruleFiresOnSimulation()));
        return out.size() > MAX_ATOMIC_TESTS ? List.copyOf(out.subList(0, MAX_ATOMIC_TESTS)) : out;
    }

    private static boolean isPlatform(String product) {
        return product.equals("windows") || product.equals("linux") || product.equals("macos");
    }

    private List<AtomicCoverageResults.TestResult> checkOnlyThisRule(SigmaRule rule,
                                                                           List<AtomicCoverageChecker.TestRef> refs) {
        EvaluationEngine engine = EvaluationEngine.compile(List.of(rule), EvaluationOptions.DEFAULT);
        if (engine.rulesEvaluated() == 0) {
            return List.of();
        }
        return new AtomicCoverageChecker(engine, List.of(rule), simulations).check(refs);
    }

    static String telemetry(AtomicTest test, List<SimulatedEvent> events, boolean fires, boolean checked) {
        StringBuilder sb = new StringBuilder();
        if (events.isEmpty()) {
            sb.append(AtomicCoverageChecker.notSimulatedReasonOf(test)).append('.');
        } else {
            for (SimulatedEvent e : events) {
                if (!sb.isEmpty()) {
                    sb.append("\n");
                }
                sb.append(capitalised(e.telemetry()));
                if (sb.length() > MAX_TELEMETRY_CHARS) {
                    sb.setLength(MAX_TELEMETRY_CHARS);
                    sb.append(" …");
                    break;
                }
            }
            if (checked) {
                sb.append(fires ? "\nThis rule fires on these simulated process events."
                        : "\nThis rule does not fire on these simulated process events (it may need other telemetry, "
                                + "or the test's command differs from what the rule looks for).");
            }
        }
        return sb.toString();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    List<String> dataSources(List<String> techniqueIds, LogSource logsource) {
        Set<String> out = new LinkedHashSet<>();
        if (logsource != null && logsource != LogSource.EMPTY) {
            out.add("Sigma logsource: " + logsource);
        }
        techniqueIds.forEach(id -> out.addAll(catalog.technique(id).dataComponents()));
        return List.copyOf(out);
    }

    /**
     * The table of every KQL target that can translate the rule (a target whose table exists for the logsource but
     * cannot express the rule's fields is not a data requirement the rule can use).
     */
    List<String> requiredTables(SigmaDocument document, LogSource logsource) {
        if (logsource == null || logsource == LogSource.EMPTY) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        targets.all().forEach(target -> target.tableFor(logsource).ifPresent(choice -> {
            if (!(document instanceof SigmaRule rule) || translates(rule, target)) {
                out.add(choice.table().name() + " (" + target.name() + ")");
            }
        }));
        return out;
    }

    private boolean translates(SigmaRule rule, Target target) {
        try {
            translator.translate(rule, target, new TranslationOptions(false, false));
            return true;
        } catch (UntranslatableRuleException e) {
            return false;
        }
    }

    private static String firstSentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        int end = t.indexOf(". ");
        return end > 0 ? t.substring(0, end + 1) : t;
    }
}

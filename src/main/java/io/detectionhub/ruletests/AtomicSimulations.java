package io.detectionhub.ruletests;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.library.enrichment.AtomicTestLink;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.library.enrichment.EnrichmentDeriver;
import io.detectionhub.library.enrichment.EnrichmentPart;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SafeYaml;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A rule's {@code simulation:} blocks ({@code type: atomic-red-team}, {@code name}, {@code technique},
 * {@code atomic_guid}) checked against the Atomic catalogue in use. A block whose GUID is a test of the technique it
 * names becomes an Atomic test link in the rule's enrichment whenever the rule is stored (created, imported, synced,
 * edited: as an {@link EnrichmentDeriver}, after the ATT&amp;CK auto-enrichment, which would otherwise replace the
 * list). A GUID the catalogue does not know is never linked; one the catalogue has under another technique is linked
 * under the catalogue's technique when the block's name is the test's name (ATT&amp;CK renumbered the technique),
 * else not linked. Each of these is a warning, shown on the rule's Tests tab, in its API and in the import report.
 */
@Component
@Order(AtomicSimulations.ORDER)
public class AtomicSimulations implements EnrichmentDeriver {

    /** After {@code AttackEnrichmentDeriver} (order 0), which sets the whole Atomic list. */
    static final int ORDER = 100;

    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final int MAX_LINKS = 200;

    /** A {@code simulation:} block as the rule states it. */
    public record Declared(String name, String technique, String atomicGuid) {
    }

    /** The links the catalogue confirms and a warning for each block it does not (in the rule's order). */
    public record Checked(List<AtomicTestLink> links, List<String> warnings) {
        public Checked {
            links = List.copyOf(links);
            warnings = List.copyOf(warnings);
        }
    }

    /** The catalogue's technique of each test GUID, built once per Atomic index in use. */
    private record Techniques(AtomicIndex index, Map<String, String> byGuid) {
    }

    private final AttackService attack;
    private volatile Techniques techniques;

    public AtomicSimulations(AttackService attack) {
        this.attack = attack;
    }

    @Override
    public Enrichment derive(SigmaDocument document, Enrichment base) {
        Checked checked = check(declared(document.metadata().custom().get("simulation"), new ArrayList<>()));
        if (checked.links().isEmpty()) {
            return base;
        }
        List<AtomicTestLink> links = new ArrayList<>(base.atomicTests());
        Set<String> guids = new LinkedHashSet<>();
        links.forEach(l -> guids.add(l.guid() == null ? "" : l.guid().toLowerCase(Locale.ROOT)));
        for (AtomicTestLink link : checked.links()) {
            if (links.size() < MAX_LINKS && guids.add(link.guid().toLowerCase(Locale.ROOT))) {
                links.add(link);
            }
        }
        Set<EnrichmentPart> generated = EnumSet.of(EnrichmentPart.ATOMIC_TESTS);
        generated.addAll(base.generated());
        return new Enrichment(base.huntHypothesis(), base.tuningGuidance(), base.attack(), links, base.dataSources(),
                base.requiredTables(), base.confidence(), base.sourceUrl(), base.retrievedAt(), generated,
                base.deployment());
    }

    /** The blocks of a rule's text and their check; a text that is not YAML has none. */
    public Checked check(String ruleYaml) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> rule;
        try {
            rule = SafeYaml.firstMap(ruleYaml);
        } catch (IllegalArgumentException e) {
            return new Checked(List.of(), List.of());
        }
        Checked checked = check(declared(rule == null ? null : rule.get("simulation"), problems));
        problems.addAll(checked.warnings());
        return new Checked(checked.links(), problems);
    }

    /** Checks declared blocks against the catalogue in use. */
    public Checked check(List<Declared> declared) {
        List<AtomicTestLink> links = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        AtomicIndex index = attack.snapshot().atomics();
        Map<String, String> byGuid = techniques(index);
        for (Declared d : declared) {
            String label = "simulation " + d.atomicGuid() + (d.name() == null ? "" : " (" + d.name() + ")");
            AtomicTest test = index.testByGuid(d.atomicGuid()).orElse(null);
            if (test == null) {
                warnings.add(label + ": not in the Atomic catalogue; not linked");
                continue;
            }
            String technique = byGuid.get(d.atomicGuid().toLowerCase(Locale.ROOT));
            String stated = d.technique() == null ? null : d.technique().strip().toUpperCase(Locale.ROOT);
            if (technique == null || !technique.matches("T\\d{4}(\\.\\d{3})?")) {
                warnings.add(label + ": its technique in the Atomic catalogue is not a technique id; not linked");
                continue;
            }
            if (stated != null && !stated.isEmpty() && !stated.equals(technique)) {
                // The GUID names one test. When the block's name is that test's name too, only the technique id
                // differs: ATT&CK v19 moved tests (T1562.001 -> T1685), so the link is made under the catalogue's
                // technique, with a warning. Otherwise the GUID may be a typo for another test: not linked.
                if (d.name() == null || !d.name().strip().equalsIgnoreCase(test.name().strip())) {
                    warnings.add(label + ": the Atomic catalogue has this test under " + technique + " ('"
                            + test.name() + "'), not " + stated + "; not linked");
                    continue;
                }
                warnings.add(label + ": linked under " + technique + ", the catalogue's technique of this test; the "
                        + "rule says " + stated);
            }
            links.add(new AtomicTestLink(cut(test.name()), test.guid(), technique,
                    "The rule's simulation block names this test: it should fire when the test runs."));
        }
        return new Checked(links, warnings);
    }

    /**
     * The {@code atomic-red-team} blocks of a rule's {@code simulation} value (one block or a list of them); a block
     * without a usable GUID is a problem, other simulation types are not Atomic's and left alone.
     */
    static List<Declared> declared(Object simulation, List<String> problems) {
        if (simulation == null) {
            return List.of();
        }
        List<Declared> out = new ArrayList<>();
        List<?> blocks = simulation instanceof List<?> l ? l : List.of(simulation);
        for (Object b : blocks) {
            if (!(b instanceof Map<?, ?> m) || !"atomic-red-team".equals(String.valueOf(m.get("type")))) {
                continue;
            }
            Object guid = m.get("atomic_guid");
            if (guid == null || !String.valueOf(guid).strip().matches(GUID)) {
                problems.add("a simulation block of type atomic-red-team has no atomic_guid in GUID form"
                        + (guid == null ? "" : " ('" + cut(String.valueOf(guid)) + "')") + "; not linked");
                continue;
            }
            out.add(new Declared(m.get("name") == null ? null : cut(String.valueOf(m.get("name"))),
                    m.get("technique") == null ? null : cut(String.valueOf(m.get("technique"))),
                    String.valueOf(guid).strip().toLowerCase(Locale.ROOT)));
            if (out.size() >= MAX_LINKS) {
                break;
            }
        }
        return out;
    }

    private Map<String, String> techniques(AtomicIndex index) {
        Techniques t = techniques;
        if (t == null || t.index() != index) {
            Map<String, String> byGuid = new HashMap<>();
            for (AtomicTechnique technique : index.data().techniques()) {
                for (AtomicTest test : technique.tests()) {
                    if (test.guid() != null) {
                        byGuid.put(test.guid().toLowerCase(Locale.ROOT), technique.techniqueId());
                    }
                }
            }
            t = new Techniques(index, Map.copyOf(byGuid));
            techniques = t;
        }
        return t.byGuid();
    }

    private static String cut(String s) {
        return s.length() <= 300 ? s : s.substring(0, 299) + "…";
    }
}

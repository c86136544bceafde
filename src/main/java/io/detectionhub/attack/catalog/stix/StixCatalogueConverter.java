package io.detectionhub.attack.catalog.stix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.detectionhub.attack.catalog.AttackCatalogueData;
import io.detectionhub.attack.catalog.CatalogueProvenance;
import io.detectionhub.attack.catalog.DescriptionTrimmer;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.attack.catalog.TacticsSource;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.catalog.TechniqueSource;
import io.detectionhub.attack.catalog.V19TacticOverlay;

/**
 * Turns the extracted STIX objects into the app's catalogue. A bundle that predates v19 (no
 * {@code defense-impairment} tactic) is re-mapped to v19's tactics with the overlay:
 * <ul>
 *   <li>matrix order: v18's, with Defense Evasion (TA0005) replaced by Stealth (TA0005, renamed in v19) followed by
 *       the new Defense Impairment (TA0112);</li>
 *   <li>a technique the overlay lists takes the overlay's v19 tactics;</li>
 *   <li>a sub-technique the overlay does not list, whose parent it lists, takes what replaced defense-evasion in
 *       the parent's mapping;</li>
 *   <li>any other {@code defense-evasion} becomes {@code stealth} (the renamed TA0005);</li>
 *   <li>v19-only ids the overlay names (T1685 ...) are added with the overlay's name and tactics.</li>
 * </ul>
 * A v19+ bundle is taken as it is.
 */
public final class StixCatalogueConverter {

    public static final String DEFENSE_EVASION = "defense-evasion";
    public static final String STEALTH = "stealth";
    public static final String DEFENSE_IMPAIRMENT = "defense-impairment";

    /** Used only when a bundle has no matrix object. */
    private static final List<String> CANONICAL_ORDER = List.of("reconnaissance", "resource-development",
            "initial-access", "execution", "persistence", "privilege-escalation", DEFENSE_EVASION, STEALTH,
            DEFENSE_IMPAIRMENT, "credential-access", "discovery", "lateral-movement", "collection",
            "command-and-control", "exfiltration", "impact");

    private final DescriptionTrimmer trimmer;

    public StixCatalogueConverter(DescriptionTrimmer trimmer) {
        this.trimmer = trimmer;
    }

    public AttackCatalogueData convert(StixObjects stix, V19TacticOverlay overlay, List<String> sources,
                                       String attackVersion, String notice, String generatedAt) {
        List<Tactic> tactics = orderedTactics(stix);
        boolean bundleIsV19 = tactics.stream().anyMatch(t -> t.shortName().equals(DEFENSE_IMPAIRMENT));
        boolean remap = !bundleIsV19 && overlay != null;
        List<String> notes = new ArrayList<>();
        if (remap) {
            tactics = v19Tactics(tactics);
            notes.add("ATT&CK " + attackVersion + " re-mapped to v19 tactics: Defense Evasion (TA0005) is shown as "
                    + "Stealth (TA0005, renamed in v19) followed by Defense Impairment (TA0112); technique tactics "
                    + "from Atomic Red Team's v19 index where it lists the technique, else a sub-technique follows its "
                    + "parent's mapping, else defense-evasion becomes stealth.");
        }
        List<String> tacticOrder = tactics.stream().map(Tactic::shortName).toList();
        Map<String, List<String>> components = dataComponentsByTechnique(stix);
        Map<String, V19TacticOverlay.Entry> overlayById = overlay == null ? Map.of() : overlay.byId();

        Map<String, StixObjects.AttackPattern> live = new HashMap<>();
        for (StixObjects.AttackPattern ap : stix.attackPatterns()) {
            if (!ap.revokedOrDeprecated() && ap.externalId() != null) {
                live.merge(ap.externalId(), ap, (a, b) -> a);
            }
        }
        List<Technique> techniques = new ArrayList<>();
        for (StixObjects.AttackPattern ap : live.values()) {
            String id = ap.externalId();
            List<String> tacticsOf = ap.phases();
            TacticsSource source = TacticsSource.ATTACK;
            if (remap) {
                V19TacticOverlay.Entry entry = overlayById.get(id);
                String parent = Technique.parentIdOf(id);
                V19TacticOverlay.Entry parentEntry = parent == null ? null : overlayById.get(parent);
                if (entry != null) {
                    tacticsOf = entry.tacticsV19();
                    source = TacticsSource.V19_OVERLAY;
                } else if (ap.phases().contains(DEFENSE_EVASION) && parentEntry != null
                        && parentEntry.tacticsV18().contains(DEFENSE_EVASION)) {
                    tacticsOf = replaceDefenseEvasion(ap.phases(), replacementIn(parentEntry));
                    source = TacticsSource.V19_INFERRED_FROM_PARENT;
                } else if (ap.phases().contains(DEFENSE_EVASION)) {
                    tacticsOf = replaceDefenseEvasion(ap.phases(), List.of(STEALTH));
                    source = TacticsSource.V19_RENAMED_TACTIC;
                }
            }
            techniques.add(new Technique(id, ap.name(), inOrder(tacticsOf, tacticOrder), trimmer.trim(ap.description()),
                    ap.platforms(), components.getOrDefault(ap.stixId(), List.of()),
                    ap.url() != null ? ap.url() : Technique.urlFor(id), Technique.parentIdOf(id), source,
                    TechniqueSource.ATTACK));
        }
        if (remap) {
            for (V19TacticOverlay.Entry entry : overlayById.values()) {
                if (!entry.inV18() && !live.containsKey(entry.id()) && Technique.isTechniqueId(entry.id())) {
                    techniques.add(new Technique(entry.id(), entry.ownName(), inOrder(entry.tacticsV19(), tacticOrder),
                            "", List.of(), List.of(), Technique.urlFor(entry.id()), Technique.parentIdOf(entry.id()),
                            TacticsSource.V19_OVERLAY, TechniqueSource.V19_OVERLAY));
                }
            }
        }
        techniques.sort(Comparator.comparing(Technique::id));
        String version = remap ? attackVersion + " with v19 tactics" : attackVersion;
        return new AttackCatalogueData(AttackCatalogueData.FORMAT_VERSION,
                new CatalogueProvenance(sources, version, generatedAt, notice, notes), attackVersion, tactics,
                techniques);
    }

    private static List<String> replacementIn(V19TacticOverlay.Entry parent) {
        List<String> replacement = new ArrayList<>(parent.tacticsV19());
        replacement.removeAll(parent.tacticsV18());
        return replacement.isEmpty() ? List.of(STEALTH) : replacement;
    }

    private static List<String> replaceDefenseEvasion(List<String> phases, List<String> replacement) {
        Set<String> out = new LinkedHashSet<>();
        for (String phase : phases) {
            if (phase.equals(DEFENSE_EVASION)) {
                out.addAll(replacement);
            } else {
                out.add(phase);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> inOrder(List<String> tactics, List<String> order) {
        return new LinkedHashSet<>(tactics).stream()
                .sorted(Comparator.comparingInt(t -> order.contains(t) ? order.indexOf(t) : Integer.MAX_VALUE))
                .toList();
    }

    private static List<Tactic> orderedTactics(StixObjects stix) {
        StixObjects.Matrix matrix = stix.matrices().stream()
                .filter(m -> !m.deprecated() && "enterprise-attack".equals(m.externalId())).findFirst()
                .orElse(stix.matrices().stream().filter(m -> !m.deprecated()).findFirst().orElse(null));
        List<Tactic> out = new ArrayList<>();
        if (matrix != null) {
            for (String ref : matrix.tacticRefs()) {
                StixObjects.StixTactic t = stix.tactics().get(ref);
                if (t != null && t.shortName() != null) {
                    out.add(toTactic(t));
                }
            }
        }
        if (out.isEmpty()) {
            stix.tactics().values().stream().filter(t -> !t.deprecated() && t.shortName() != null)
                    .sorted(Comparator.comparingInt((StixObjects.StixTactic t) -> CANONICAL_ORDER.indexOf(t.shortName()) < 0
                            ? Integer.MAX_VALUE : CANONICAL_ORDER.indexOf(t.shortName()))
                            .thenComparing(StixObjects.StixTactic::shortName))
                    .forEach(t -> out.add(toTactic(t)));
        }
        if (out.isEmpty()) {
            throw new StixFormatException("the bundle has no ATT&CK tactics (x-mitre-tactic objects)");
        }
        return out;
    }

    private static Tactic toTactic(StixObjects.StixTactic t) {
        String id = t.externalId();
        return new Tactic(id, t.shortName(), t.name(), firstParagraph(t.description()),
                t.url() != null ? t.url() : id == null ? null : Tactic.urlFor(id));
    }

    private static String firstParagraph(String description) {
        if (description == null) {
            return "";
        }
        int blank = description.indexOf("\n\n");
        return (blank > 0 ? description.substring(0, blank) : description).strip();
    }

    /** v18 order with Defense Evasion replaced by Stealth followed by Defense Impairment. */
    static List<Tactic> v19Tactics(List<Tactic> v18) {
        List<Tactic> out = new ArrayList<>();
        boolean replaced = false;
        for (Tactic t : v18) {
            if (t.shortName().equals(DEFENSE_EVASION)) {
                out.add(stealth());
                out.add(defenseImpairment());
                replaced = true;
            } else if (!t.shortName().equals(STEALTH) && !t.shortName().equals(DEFENSE_IMPAIRMENT)) {
                out.add(t);
            }
        }
        if (!replaced) {
            int credentialAccess = indexOf(out, "credential-access");
            int at = credentialAccess < 0 ? out.size() : credentialAccess;
            out.add(at, defenseImpairment());
            out.add(at, stealth());
        }
        return out;
    }

    private static int indexOf(List<Tactic> tactics, String shortName) {
        for (int i = 0; i < tactics.size(); i++) {
            if (tactics.get(i).shortName().equals(shortName)) {
                return i;
            }
        }
        return -1;
    }

    private static Tactic stealth() {
        return new Tactic("TA0005", STEALTH, "Stealth",
                "ATT&CK v19 renamed Defense Evasion (TA0005) to Stealth: techniques adversaries use to avoid being "
                        + "noticed. (Reconstructed from Atomic Red Team's v19 index; the shipped ATT&CK data is v18.)",
                Tactic.urlFor("TA0005"));
    }

    private static Tactic defenseImpairment() {
        return new Tactic("TA0112", DEFENSE_IMPAIRMENT, "Defense Impairment",
                "New in ATT&CK v19, split from Defense Evasion: techniques that disable or modify defenses, logging "
                        + "and security tools. (Reconstructed from Atomic Red Team's v19 index; the shipped ATT&CK data "
                        + "is v18.)",
                Tactic.urlFor("TA0112"));
    }

    private static Map<String, List<String>> dataComponentsByTechnique(StixObjects stix) {
        Map<String, Set<String>> out = new HashMap<>();
        for (StixObjects.AttackPattern ap : stix.attackPatterns()) {
            if (!ap.dataSources().isEmpty()) {
                out.computeIfAbsent(ap.stixId(), k -> new LinkedHashSet<>()).addAll(ap.dataSources());
            }
        }
        for (StixObjects.Relationship r : stix.detects) {
            if (r.sourceRef() == null || r.targetRef() == null) {
                continue;
            }
            List<String> componentRefs = new ArrayList<>();
            if (r.sourceRef().startsWith("x-mitre-data-component--")) {
                componentRefs.add(r.sourceRef());
            } else if (r.sourceRef().startsWith("x-mitre-detection-strategy--")) {
                Set<String> seen = new HashSet<>();
                for (String analytic : stix.strategyAnalytics.getOrDefault(r.sourceRef(), List.of())) {
                    for (String dc : stix.analyticComponents.getOrDefault(analytic, List.of())) {
                        if (seen.add(dc)) {
                            componentRefs.add(dc);
                        }
                    }
                }
            }
            for (String ref : componentRefs) {
                String name = componentName(stix, ref);
                if (name != null) {
                    out.computeIfAbsent(r.targetRef(), k -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        Map<String, List<String>> sorted = new HashMap<>();
        out.forEach((k, v) -> sorted.put(k, v.stream().sorted().toList()));
        return sorted;
    }

    private static String componentName(StixObjects stix, String ref) {
        StixObjects.DataComponent dc = stix.dataComponents.get(ref);
        if (dc == null || dc.name() == null) {
            return null;
        }
        String source = dc.dataSourceRef() == null ? null : stix.dataSourceNames.get(dc.dataSourceRef());
        return source == null ? dc.name() : source + ": " + dc.name();
    }
}

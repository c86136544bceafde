package io.detectionhub.attack.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.attack.catalog.Technique;

/**
 * Computes the coverage heatmap: per tactic column, per technique and sub-technique, how many rules tag it.
 * Pure and linear in (rules x tags + matrix size).
 */
public final class CoverageCalculator {

    public CoverageReport compute(Collection<CoverageRule> rules, AttackCatalog catalog, CoverageFilter filter) {
        Map<String, List<RuleRef>> rulesByTechnique = new HashMap<>();
        int considered = 0;
        int withTechniques = 0;
        for (CoverageRule rule : rules) {
            if (!filter.matches(rule)) {
                continue;
            }
            considered++;
            Set<String> ids = new LinkedHashSet<>();
            for (String raw : rule.techniqueIds()) {
                if (raw != null && !raw.isBlank()) {
                    ids.add(Technique.normalizeId(raw));
                }
            }
            if (!ids.isEmpty()) {
                withTechniques++;
            }
            RuleRef ref = new RuleRef(rule.ruleId(), rule.title(), rule.level());
            ids.forEach(id -> rulesByTechnique.computeIfAbsent(id, k -> new ArrayList<>()).add(ref));
        }

        // ids tagged in rules but absent from the catalogue: placed under their parent or their tactics if known
        Map<String, List<Technique>> extraSubs = new HashMap<>();
        Map<String, List<Technique>> extraTopLevel = new HashMap<>();
        List<TechniqueCoverage> unplaced = new ArrayList<>();
        Set<String> tacticNames = new HashSet<>();
        catalog.tactics().forEach(t -> tacticNames.add(t.shortName()));
        for (String id : rulesByTechnique.keySet().stream().sorted().toList()) {
            if (catalog.find(id).isPresent()) {
                continue;
            }
            Technique t = catalog.technique(id);
            if (t.parentId() != null && catalog.find(t.parentId()).isPresent()) {
                extraSubs.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
            } else if (t.tactics().stream().anyMatch(tacticNames::contains)) {
                t.tactics().forEach(tactic -> extraTopLevel.computeIfAbsent(tactic, k -> new ArrayList<>()).add(t));
            } else {
                unplaced.add(cell(t, List.of(), rulesByTechnique));
            }
        }

        List<TacticCoverage> columns = new ArrayList<>();
        for (AttackCatalog.MatrixColumn column : catalog.matrix()) {
            Tactic tactic = column.tactic();
            List<TechniqueCoverage> cells = new ArrayList<>();
            for (AttackCatalog.MatrixTechnique mt : column.techniques()) {
                List<Technique> subs = new ArrayList<>(mt.subTechniques());
                subs.addAll(extraSubs.getOrDefault(mt.technique().id(), List.of()));
                cells.add(cell(mt.technique(), subs, rulesByTechnique));
            }
            for (Technique extra : extraTopLevel.getOrDefault(tactic.shortName(), List.of())) {
                cells.add(cell(extra, List.of(), rulesByTechnique));
            }
            columns.add(columnOf(tactic, cells, rulesByTechnique));
        }

        int covered = 0;
        for (Technique t : catalog.data().techniques()) {
            if (rulesByTechnique.containsKey(t.id())) {
                covered++;
            }
        }
        Map<String, List<RuleRef>> frozen = new LinkedHashMap<>();
        rulesByTechnique.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new CoverageReport(catalog.attackVersion(), filter, considered, withTechniques, covered,
                catalog.data().techniques().size(), columns, unplaced, frozen, List.of());
    }

    private static TechniqueCoverage cell(Technique t, List<Technique> subs, Map<String, List<RuleRef>> rules) {
        List<TechniqueCoverage> subCells = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        rules.getOrDefault(t.id(), List.of()).forEach(r -> distinct.add(r.id()));
        for (Technique sub : subs) {
            List<RuleRef> subRules = rules.getOrDefault(sub.id(), List.of());
            subRules.forEach(r -> distinct.add(r.id()));
            subCells.add(new TechniqueCoverage(sub.id(), sub.displayName(), sub.inCatalogue(), subRules.size(),
                    subRules.size(), List.of()));
        }
        return new TechniqueCoverage(t.id(), t.displayName(), t.inCatalogue(), rules.getOrDefault(t.id(), List.of()).size(),
                distinct.size(), subCells);
    }

    private static TacticCoverage columnOf(Tactic tactic, List<TechniqueCoverage> cells,
                                           Map<String, List<RuleRef>> rules) {
        int count = 0;
        int covered = 0;
        Set<String> distinctRules = new HashSet<>();
        for (TechniqueCoverage c : cells) {
            count++;
            if (c.ruleCount() > 0) {
                covered++;
            }
            rules.getOrDefault(c.id(), List.of()).forEach(r -> distinctRules.add(r.id()));
            for (TechniqueCoverage s : c.subTechniques()) {
                count++;
                if (s.ruleCount() > 0) {
                    covered++;
                }
                rules.getOrDefault(s.id(), List.of()).forEach(r -> distinctRules.add(r.id()));
            }
        }
        return new TacticCoverage(tactic, count, covered, distinctRules.size(), cells);
    }
}

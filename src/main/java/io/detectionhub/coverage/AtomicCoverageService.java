package io.detectionhub.coverage;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.AttackSnapshot;
import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageChecker;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Status;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Summary;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TechniqueResult;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TechniqueSummary;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TestResult;
import io.detectionhub.attack.coverage.atomic.AtomicSimulationCache;
import io.detectionhub.library.RuleLibraryChanged;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Atomic-driven coverage check over the whole library: per technique, and a whole-matrix summary. The compiled
 * library and the summary are cached per (library version, catalogue version).
 */
@Service
public class AtomicCoverageService {

    private record Compiled(String version, EvaluationEngine engine, AtomicCoverageChecker checker) {
    }

    private final ObjectProvider<CoverageRuleSource> rulesProvider;
    private final AttackService data;
    private volatile Compiled compiled;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final AtomicSimulationCache simulations = new AtomicSimulationCache();

    public AtomicCoverageService(ObjectProvider<CoverageRuleSource> rulesProvider, AttackService data) {
        this.rulesProvider = rulesProvider;
        this.data = data;
    }

    /** Every Atomic test of the technique (and of its sub-techniques when asked), with the rules firing on each. */
    public TechniqueResult forTechnique(String techniqueId, boolean includeSubTechniques) {
        AttackSnapshot snapshot = data.snapshot();
        String id = Technique.normalizeId(techniqueId);
        List<AtomicCoverageChecker.TestRef> refs = new ArrayList<>();
        addTests(snapshot.atomics(), id, refs);
        if (includeSubTechniques) {
            snapshot.catalog().subTechniques(id).forEach(sub -> addTests(snapshot.atomics(), sub.id(), refs));
        }
        List<TestResult> results = refs.isEmpty() ? List.of() : checker().check(refs);
        return techniqueResult(snapshot.catalog(), id, results);
    }

    /** One line per technique with Atomic tests: how many tests were simulated and how many a rule caught. */
    public Summary summary() {
        CoverageRuleSource rules = rules();
        AttackSnapshot snapshot = data.snapshot();
        String key = rules.version() + "|" + snapshot.version();
        Summary cached = summaries.get(key);
        if (cached != null) {
            return cached;
        }
        List<AtomicCoverageChecker.TestRef> refs = new ArrayList<>();
        for (AtomicTechnique t : snapshot.atomics().data().techniques()) {
            addTests(snapshot.atomics(), t.techniqueId(), refs);
        }
        Compiled compiledLibrary = compiled();
        EvaluationEngine engine = compiledLibrary.engine();
        List<TestResult> results = compiledLibrary.checker().check(refs);
        List<TechniqueSummary> rows = new ArrayList<>();
        int tests = 0;
        int simulated = 0;
        int detected = 0;
        int byTechniqueRules = 0;
        int i = 0;
        for (AtomicTechnique t : snapshot.atomics().data().techniques()) {
            List<TestResult> own = results.subList(i, i + t.tests().size());
            i += t.tests().size();
            TechniqueResult r = techniqueResult(snapshot.catalog(), t.techniqueId(), own);
            List<String> undetected = own.stream().filter(x -> x.status() == Status.NOT_DETECTED)
                    .map(TestResult::name).toList();
            Technique technique = snapshot.catalog().technique(t.techniqueId());
            rows.add(new TechniqueSummary(t.techniqueId(), snapshot.catalog().fullName(t.techniqueId()),
                    technique.tactics().isEmpty() ? t.tactics() : technique.tactics(), r.tests(), r.simulated(),
                    r.detected(), r.detectedByTechniqueRules(), undetected));
            tests += r.tests();
            simulated += r.simulated();
            detected += r.detected();
            byTechniqueRules += r.detectedByTechniqueRules();
        }
        Summary summary = new Summary(rows.size(), tests, simulated, detected, byTechniqueRules,
                engine.rulesEvaluated(), rows);
        if (summaries.size() > 8) {
            summaries.clear();
        }
        summaries.put(key, summary);
        return summary;
    }

    /**
     * A committed library write makes the compiled library and the summaries of older versions useless: they are
     * dropped at once (the compiled library is large) instead of when the next check comes.
     */
    @TransactionalEventListener
    void libraryChanged(RuleLibraryChanged change) {
        String current = String.valueOf(change.libraryVersion());
        summaries.keySet().removeIf(key -> !key.startsWith(current + "|"));
        synchronized (this) {
            Compiled c = compiled;
            if (c != null && !c.version().equals(current)) {
                compiled = null;
            }
        }
    }

    /** True while a compiled library is kept. */
    boolean holdsCompiledLibrary() {
        return compiled != null;
    }

    private static void addTests(AtomicIndex atomics, String techniqueId, List<AtomicCoverageChecker.TestRef> refs) {
        for (AtomicTest test : atomics.tests(techniqueId)) {
            refs.add(new AtomicCoverageChecker.TestRef(techniqueId, test));
        }
    }

    private static TechniqueResult techniqueResult(AttackCatalog catalog, String id, List<TestResult> results) {
        int simulated = (int) results.stream().filter(r -> r.status() != Status.NOT_SIMULATED).count();
        int detected = (int) results.stream().filter(r -> r.status() == Status.DETECTED).count();
        int byTechniqueRules = (int) results.stream().filter(TestResult::detectedByTechniqueRule).count();
        return new TechniqueResult(id, catalog.fullName(id), results.size(), simulated, detected, byTechniqueRules,
                results);
    }

    private CoverageRuleSource rules() {
        CoverageRuleSource rules = rulesProvider.getIfAvailable();
        if (rules == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no rule library is available");
        }
        return rules;
    }

    private AtomicCoverageChecker checker() {
        return compiled().checker();
    }

    private Compiled compiled() {
        CoverageRuleSource rules = rules();
        String version = rules.version();
        Compiled c = compiled;
        if (c == null || !c.version().equals(version)) {
            synchronized (this) {
                c = compiled;
                if (c == null || !c.version().equals(version)) {
                    List<io.detectionhub.sigma.model.SigmaDocument> documents = rules.documents();
                    EvaluationEngine engine = EvaluationEngine.compile(documents, EvaluationOptions.DEFAULT);
                    c = new Compiled(version, engine, new AtomicCoverageChecker(engine, documents, simulations));
                    compiled = c;
                }
            }
        }
        return c;
    }
}

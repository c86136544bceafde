package io.detectionhub.sigma.evaluation.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.model.SigmaDocument;

/**
 * Events per second with the whole SigmaHQ corpus loaded, against the same event file only parsed (read into
 * events, no rule), in the same JVM run. The ratio of the two is the figure (by wall clock and by thread CPU time,
 * which other processes on a shared machine disturb less); heap used with the compiled corpus is reported too.
 *
 * <pre>
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.detectionhub.sigma.evaluation.benchmark.EvaluationBenchmark \
 *     -Dexec.args="../shared 200000 5"
 * </pre>
 * Arguments: shared directory (holding corpus/sigmahq), number of events, measured rounds.
 */
public final class EvaluationBenchmark {

    /** Thread CPU time: on a shared machine, wall-clock rates move with other processes' load. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(args.length > 0 ? args[0] : System.getProperty("detectionhub.shared-dir", "../shared"));
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path corpus = shared.resolve("corpus/sigmahq");
        if (!Files.isDirectory(corpus)) {
            System.err.println("No corpus at " + corpus.toAbsolutePath());
            System.exit(2);
        }
        Path file = Files.createTempFile("detectionhub-benchmark-events", ".json");
        long t0 = System.nanoTime();
        EventGenerator.write(file, events, 42L);
        System.out.printf("generated %,d events (%,d bytes) in %.1f s: %s%n", events, Files.size(file),
                (System.nanoTime() - t0) / 1e9, file);

        t0 = System.nanoTime();
        List<SigmaDocument> documents = loadCorpus(shared);
        long parsed = System.nanoTime();
        EvaluationEngine engine = EvaluationEngine.compile(documents, EvaluationOptions.DEFAULT);
        long compiled = System.nanoTime();
        System.out.printf("corpus: %,d documents parsed in %.1f s, compiled in %.1f s: %,d rules evaluated, "
                        + "%,d left out, %,d probes, %,d rules without a required literal%n", documents.size(),
                (parsed - t0) / 1e9, (compiled - parsed) / 1e9, engine.rulesEvaluated(), engine.problems().size(),
                engine.probeCount(), engine.ungatedRuleCount());

        RunOptions cached = RunOptions.DEFAULT.withMaxMatches(1_000_000);
        RunOptions uncached = cached.withCacheRepeatedValues(false);
        // warm-up
        for (int i = 0; i < 2; i++) {
            parseOnly(file);
            evaluate(file, engine, cached);
            evaluate(file, engine, uncached);
        }
        double[] parseRates = new double[rounds];
        double[] evalRates = new double[rounds];
        double[] parseCpuRates = new double[rounds];
        double[] evalCpuRates = new double[rounds];
        double[] uncachedRates = new double[rounds];
        double[] uncachedCpuRates = new double[rounds];
        EvaluationResult last = null;
        for (int r = 0; r < rounds; r++) {
            long s = System.nanoTime();
            long c = CPU.getCurrentThreadCpuTime();
            long n = parseOnly(file);
            parseCpuRates[r] = n / ((CPU.getCurrentThreadCpuTime() - c) / 1e9);
            parseRates[r] = n / ((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            c = CPU.getCurrentThreadCpuTime();
            last = evaluate(file, engine, cached);
            evalCpuRates[r] = last.eventsEvaluated() / ((CPU.getCurrentThreadCpuTime() - c) / 1e9);
            evalRates[r] = last.eventsEvaluated() / ((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            c = CPU.getCurrentThreadCpuTime();
            EvaluationResult withoutCache = evaluate(file, engine, uncached);
            uncachedCpuRates[r] = withoutCache.eventsEvaluated() / ((CPU.getCurrentThreadCpuTime() - c) / 1e9);
            uncachedRates[r] = withoutCache.eventsEvaluated() / ((System.nanoTime() - s) / 1e9);
            if (!withoutCache.matches().equals(last.matches())) {
                throw new IllegalStateException("The cache of repeated values changed the matches");
            }
            System.out.printf("round %d: parse only %,.0f events/s (%,.0f per CPU-second), all rules %,.0f events/s "
                    + "(%,.0f per CPU-second), all rules without the repeated-value cache %,.0f events/s "
                    + "(%,.0f per CPU-second)%n", r + 1, parseRates[r], parseCpuRates[r], evalRates[r],
                    evalCpuRates[r], uncachedRates[r], uncachedCpuRates[r]);
        }
        double parse = median(parseRates);
        double eval = median(evalRates);
        double parseCpu = median(parseCpuRates);
        double evalCpu = median(evalCpuRates);
        double uncachedRate = median(uncachedRates);
        double uncachedCpu = median(uncachedCpuRates);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%nmedian parse only: %,.0f events/s (%,.0f per CPU-second)%n"
                        + "median with %,d rules: %,.0f events/s (%,.0f per CPU-second)%n"
                        + "ratio (all rules / parse only): %.2f wall-clock, %.2f CPU time%n"
                        + "ratio of the fastest rounds (least disturbed by other processes): %.2f wall-clock, %.2f CPU time%n"
                        + "without the repeated-value cache: %,.0f events/s, ratio %.2f wall-clock, %.2f CPU time%n"
                        + "values answered by the repeated-value cache: %.0f%% of %,d looked up%n"
                        + "rules evaluated per event (not ruled out by routing and probes): %.2f%n"
                        + "matches: %,d (truncated: %s), correlations: %,d%n"
                        + "heap used after GC with the compiled corpus: %,d MB%n", parse, parseCpu,
                engine.rulesEvaluated(), eval, evalCpu, eval / parse, evalCpu / parseCpu,
                max(evalRates) / max(parseRates), max(evalCpuRates) / max(parseCpuRates), uncachedRate,
                uncachedRate / parse, uncachedCpu / parseCpu, 100.0 * cacheLookups[1] / Math.max(1, cacheLookups[0]),
                cacheLookups[0],
                (double) ruleEvaluations / last.eventsEvaluated(), last.matches().size(),
                last.truncated(), last.correlations().size(), heap >> 20);
        if (engine != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Every document of the corpus files under {@code shared/corpus/sigmahq} the parser accepts. */
    public static List<SigmaDocument> loadCorpus(Path shared) {
        List<Path> paths = CorpusTranslation.rulePaths(shared);
        List<CorpusTranslation.CorpusRule> parsed = CorpusTranslation.parse(paths);
        if (parsed.size() < paths.size()) {
            System.out.printf("%,d corpus files did not parse and were skipped%n", paths.size() - parsed.size());
        }
        return parsed.stream().flatMap(r -> r.collection().documents().stream()).toList();
    }

    private static long parseOnly(Path file) throws IOException {
        long n = 0;
        long fields = 0;
        try (InputStream in = Files.newInputStream(file);
             EventReader r = EventReaders.open(in, "application/json", EventReaderLimits.UNLIMITED)) {
            while (r.hasNext()) {
                Event e = r.next();
                fields += e.allValues().size();
                n++;
            }
        }
        if (fields < 0) {
            throw new IllegalStateException();
        }
        return n;
    }

    private static long ruleEvaluations;
    private static long[] cacheLookups;

    private static EvaluationResult evaluate(Path file, EvaluationEngine engine, RunOptions options)
            throws IOException {
        try (InputStream in = Files.newInputStream(file);
             EventReader r = EventReaders.open(in, "application/json", EventReaderLimits.UNLIMITED)) {
            EvaluationEngine.Run run = engine.newRun(options);
            while (r.hasNext()) {
                run.accept(r.next());
            }
            ruleEvaluations = run.ruleEvaluations();
            if (options.cacheRepeatedValues()) {
                cacheLookups = run.repeatedValueLookups();
            }
            return run.finish();
        }
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}

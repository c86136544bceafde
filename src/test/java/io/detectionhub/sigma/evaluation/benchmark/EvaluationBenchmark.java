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
 * events, no rule), in the same JVM run. The ratio of the two is the figure (by wall clock and by thread CPU time);
 * heap used with the compiled corpus is reported too. Each round reads the file three times at once (parse only,
 * all rules, all rules without the repeated-value cache) taking turns every 1,000 events, so that load from other
 * processes on a shared machine falls on the three alike.
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
        for (int i = 0; i < 2; i++) {
            round(file, engine, cached, uncached); // warm-up
        }
        double[] parseRates = new double[rounds];
        double[] evalRates = new double[rounds];
        double[] parseCpuRates = new double[rounds];
        double[] evalCpuRates = new double[rounds];
        double[] uncachedRates = new double[rounds];
        double[] uncachedCpuRates = new double[rounds];
        Round last = null;
        for (int r = 0; r < rounds; r++) {
            last = round(file, engine, cached, uncached);
            parseRates[r] = last.parse().rate(last.events());
            parseCpuRates[r] = last.parse().cpuRate(last.events());
            evalRates[r] = last.cached().rate(last.events());
            evalCpuRates[r] = last.cached().cpuRate(last.events());
            uncachedRates[r] = last.uncached().rate(last.events());
            uncachedCpuRates[r] = last.uncached().cpuRate(last.events());
            System.out.printf("round %d: parse only %,.0f events/s (%,.0f per CPU-second), all rules %,.0f events/s "
                    + "(%,.0f per CPU-second), all rules without the repeated-value cache %,.0f events/s "
                    + "(%,.0f per CPU-second)%n", r + 1, parseRates[r], parseCpuRates[r], evalRates[r],
                    evalCpuRates[r], uncachedRates[r], uncachedCpuRates[r]);
        }
        double[] ratios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        double[] uncachedRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = evalRates[r] / parseRates[r];
            cpuRatios[r] = evalCpuRates[r] / parseCpuRates[r];
            uncachedRatios[r] = uncachedRates[r] / parseRates[r];
        }
        double parse = median(parseRates);
        double eval = median(evalRates);
        double parseCpu = median(parseCpuRates);
        double evalCpu = median(evalCpuRates);
        double uncachedRate = median(uncachedRates);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%nmedian parse only: %,.0f events/s (%,.0f per CPU-second)%n"
                        + "median with %,d rules: %,.0f events/s (%,.0f per CPU-second)%n"
                        + "ratio (all rules / parse only, median of the rounds' ratios): %.2f wall-clock, %.2f CPU time"
                        + " (rounds %.2f to %.2f)%n"
                        + "without the repeated-value cache: %,.0f events/s, ratio %.2f wall-clock%n"
                        + "values answered by the repeated-value cache: %.0f%% of %,d looked up%n"
                        + "rules evaluated per event (not ruled out by routing and probes): %.2f%n"
                        + "matches: %,d (truncated: %s), correlations: %,d%n"
                        + "heap used after GC with the compiled corpus: %,d MB%n", parse, parseCpu,
                engine.rulesEvaluated(), eval, evalCpu, median(ratios), median(cpuRatios),
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0), uncachedRate,
                median(uncachedRatios),
                100.0 * last.cacheLookups()[1] / Math.max(1, last.cacheLookups()[0]), last.cacheLookups()[0],
                (double) last.ruleEvaluations() / last.events(), last.result().matches().size(),
                last.result().truncated(), last.result().correlations().size(), heap >> 20);
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

    /** Events read and timed at a stretch, alternating between the three streams of a round. */
    private static final int CHUNK = 1_000;

    /** Wall-clock and thread CPU nanoseconds spent on one stream of a round. */
    private static final class Spent {
        private long wall;
        private long cpu;

        double rate(long events) {
            return events / (wall / 1e9);
        }

        double cpuRate(long events) {
            return events / (cpu / 1e9);
        }
    }

    private record Round(long events, Spent parse, Spent cached, Spent uncached, EvaluationResult result,
                         long ruleEvaluations, long[] cacheLookups) {
    }

    /**
     * One pass over the file three times at once: only parsed, evaluated with every rule, and evaluated without the
     * repeated-value cache, each from its own reader, taking turns every {@link #CHUNK} events. A burst of load from
     * another process then slows the three alike, instead of whichever ran while it lasted.
     */
    private static Round round(Path file, EvaluationEngine engine, RunOptions cached, RunOptions uncached)
            throws IOException {
        Spent parse = new Spent();
        Spent withCache = new Spent();
        Spent withoutCache = new Spent();
        long fields = 0;
        try (InputStream parseIn = Files.newInputStream(file);
             EventReader parseReader = EventReaders.open(parseIn, "application/json", EventReaderLimits.UNLIMITED);
             InputStream cachedIn = Files.newInputStream(file);
             EventReader cachedReader = EventReaders.open(cachedIn, "application/json", EventReaderLimits.UNLIMITED);
             InputStream uncachedIn = Files.newInputStream(file);
             EventReader uncachedReader = EventReaders.open(uncachedIn, "application/json",
                     EventReaderLimits.UNLIMITED)) {
            EvaluationEngine.Run cachedRun = engine.newRun(cached);
            EvaluationEngine.Run uncachedRun = engine.newRun(uncached);
            long events = 0;
            while (parseReader.hasNext()) {
                long wall = System.nanoTime();
                long cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < CHUNK && parseReader.hasNext(); i++) {
                    fields += parseReader.next().allValues().size();
                    events++;
                }
                wall = spend(parse, wall, cpu);
                cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < CHUNK && cachedReader.hasNext(); i++) {
                    cachedRun.accept(cachedReader.next());
                }
                wall = spend(withCache, wall, cpu);
                cpu = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < CHUNK && uncachedReader.hasNext(); i++) {
                    uncachedRun.accept(uncachedReader.next());
                }
                spend(withoutCache, wall, cpu);
            }
            if (fields < 0) {
                throw new IllegalStateException();
            }
            EvaluationResult result = cachedRun.finish();
            if (!uncachedRun.finish().matches().equals(result.matches())) {
                throw new IllegalStateException("The cache of repeated values changed the matches");
            }
            return new Round(events, parse, withCache, withoutCache, result, cachedRun.ruleEvaluations(),
                    cachedRun.repeatedValueLookups());
        }
    }

    /** Adds the time since {@code wall} and {@code cpu} to {@code spent}; returns now. */
    private static long spend(Spent spent, long wall, long cpu) {
        long now = System.nanoTime();
        spent.wall += now - wall;
        spent.cpu += CPU.getCurrentThreadCpuTime() - cpu;
        return now;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}

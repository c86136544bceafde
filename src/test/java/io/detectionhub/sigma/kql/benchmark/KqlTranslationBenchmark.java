package io.detectionhub.sigma.kql.benchmark;

import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Translation throughput over the whole SigmaHQ corpus of {@code ../shared}, for the three built-in targets, against
 * a parse-only baseline measured in the same run. One operation is one pass over the corpus; {@link #main} prints
 * rules per second and the ratios. Run:
 * <pre>mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.detectionhub.sigma.kql.benchmark.KqlTranslationBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KqlTranslationBenchmark {

    private List<String> texts;
    private List<SigmaCollection> parsed;
    private List<Target> targets;
    private final SigmaParser parser = new SigmaParser();
    private final KqlTranslator translator = new KqlTranslator();

    @Setup(Level.Trial)
    public void load() {
        Path shared = CorpusTranslation.sharedDir().orElseThrow(() -> new IllegalStateException(
                "the SigmaHQ corpus (../shared or -Ddetectionhub.shared-dir) is needed"));
        texts = CorpusTranslation.texts(CorpusTranslation.rulePaths(shared));
        parsed = new ArrayList<>();
        for (String t : texts) {
            try {
                parsed.add(parser.parse(t));
            } catch (SigmaValidationException e) {
                // not a rule
            }
        }
        targets = TargetRegistry.builtIn().all();
    }

    /** Baseline: parse every corpus file. */
    @Benchmark
    public void parseOnly(Blackhole bh) {
        for (String t : texts) {
            try {
                bh.consume(parser.parse(t));
            } catch (SigmaValidationException e) {
                bh.consume(e);
            }
        }
    }

    /** Parse every corpus file once and translate it for the three targets. */
    @Benchmark
    public void parseAndTranslateThreeTargets(Blackhole bh) {
        for (String t : texts) {
            try {
                translateAll(parser.parse(t), bh);
            } catch (SigmaValidationException e) {
                bh.consume(e);
            }
        }
    }

    /** Translation alone (rules parsed beforehand), three targets. */
    @Benchmark
    public void translateThreeTargets(Blackhole bh) {
        for (SigmaCollection c : parsed) {
            translateAll(c, bh);
        }
    }

    private void translateAll(SigmaCollection c, Blackhole bh) {
        for (Target target : targets) {
            try {
                bh.consume(translator.translate(c, target, TranslationOptions.PLAIN));
            } catch (UntranslatableRuleException e) {
                bh.consume(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int rules = CorpusTranslation.rulePaths(CorpusTranslation.sharedDir().orElseThrow()).size();
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(KqlTranslationBenchmark.class.getName())
                .forks(0) // run in this JVM: exec:java's class path is not the test class path a fork would get
                .warmupIterations(3).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .build()).run();
        Map<String, Double> passesPerSecond = new TreeMap<>();
        for (RunResult r : results) {
            passesPerSecond.put(r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getPrimaryResult().getScore());
        }
        double parse = passesPerSecond.get("parseOnly");
        System.out.printf("%nCorpus: %d rule files, 3 targets (sentinel-asim, defender-xdr, azure-monitor)%n", rules);
        passesPerSecond.forEach((name, score) -> System.out.printf("%-32s %10.0f rules/s  (%.2fx the parse-only time)%n",
                name, score * rules, parse / score));
    }
}

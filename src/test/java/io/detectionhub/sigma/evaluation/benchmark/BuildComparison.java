package io.detectionhub.sigma.evaluation.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Compares the evaluation speed of two builds of this project in one JVM: each build is loaded by a class loader of
 * its own, compiles the SigmaHQ corpus, and the two evaluate the same generated events taking turns every 1,000
 * events (who goes first alternates), so that the load of other processes falls on both alike. Only the rules' work
 * is timed (CPU time of {@code Run.accept}; events are read untimed). Prints, per round, microseconds per event of
 * each build and the ratio candidate / baseline, then the median ratio; the matches of both builds must agree.
 * <p>
 * Arguments: a file holding the dependency class path (as {@code mvn dependency:build-classpath} writes it), the
 * baseline checkout and the candidate checkout (each built with {@code mvn test-compile}), the shared directory,
 * the number of events and the number of rounds. See {@code docs/performance.md}.
 */
public final class BuildComparison {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int CHUNK = 1_000;

    /** One build's classes, its compiled corpus and the methods a run needs, reached by reflection. */
    private static final class Build {
        final ClassLoader loader;
        final Object engine;
        final Object runOptions;
        final Object limits;
        final Method newRun;
        final Method accept;
        final Method finish;
        final Method open;

        Build(Path checkout, List<URL> dependencies, Path shared) throws ReflectiveOperationException, IOException {
            List<URL> urls = new ArrayList<>();
            urls.add(checkout.resolve("target/classes").toUri().toURL());
            urls.add(checkout.resolve("target/test-classes").toUri().toURL());
            urls.addAll(dependencies);
            loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Object corpus = type("benchmark.EvaluationBenchmark").getMethod("loadCorpus", Path.class)
                    .invoke(null, shared);
            Class<?> engineType = type("EvaluationEngine");
            Class<?> options = type("EvaluationOptions");
            engine = engineType.getMethod("compile", Collection.class, options)
                    .invoke(null, corpus, options.getField("DEFAULT").get(null));
            Class<?> runOptionsType = type("RunOptions");
            runOptions = runOptionsType.getField("DEFAULT").get(null);
            newRun = engineType.getMethod("newRun", runOptionsType);
            Class<?> run = type("EvaluationEngine$Run");
            accept = run.getMethod("accept", type("event.Event"));
            finish = run.getMethod("finish");
            Class<?> limitsType = type("event.EventReaderLimits");
            limits = limitsType.getField("UNLIMITED").get(null);
            open = type("event.EventReaders").getMethod("open", InputStream.class, String.class, limitsType);
        }

        private Class<?> type(String name) throws ClassNotFoundException {
            return loader.loadClass("io.detectionhub.sigma.evaluation." + name);
        }

        int matches(Object run) throws ReflectiveOperationException {
            Object result = finish.invoke(run);
            return ((List<?>) result.getClass().getMethod("matches").invoke(result)).size();
        }
    }

    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("arguments: <dependency class path file> <baseline checkout> <candidate checkout> "
                    + "<shared directory> <events> <rounds>");
            System.exit(2);
        }
        List<URL> dependencies = new ArrayList<>();
        for (String entry : Files.readString(Path.of(args[0])).trim().split(java.io.File.pathSeparator)) {
            dependencies.add(Path.of(entry).toUri().toURL());
        }
        Path shared = Path.of(args[3]);
        int events = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        Build[] builds = {new Build(Path.of(args[1]), dependencies, shared),
                new Build(Path.of(args[2]), dependencies, shared)};
        Path file = Files.createTempFile("detectionhub-comparison", ".json");
        try {
            EventGenerator.write(file, events, 42L);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long[] cpu = new long[2];
                int[] matches = round(builds, file, cpu);
                ratios[r] = (double) cpu[1] / cpu[0];
                System.out.printf("round %d: baseline %.1f us/event, candidate %.1f us/event, candidate/baseline "
                        + "%.3f (matches %,d and %,d)%n", r + 1, cpu[0] / 1e3 / events, cpu[1] / 1e3 / events,
                        ratios[r], matches[0], matches[1]);
                if (matches[0] != matches[1]) {
                    throw new IllegalStateException("the builds found different matches");
                }
            }
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf("median candidate/baseline CPU time of the rules: %.3f (rounds %.3f to %.3f)%n",
                    sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** One pass of both builds over the file, taking turns; adds each build's CPU time, returns their matches. */
    private static int[] round(Build[] builds, Path file, long[] cpu) throws Exception {
        InputStream[] in = new InputStream[2];
        Iterator<?>[] readers = new Iterator<?>[2];
        Object[] runs = new Object[2];
        try {
            for (int b = 0; b < 2; b++) {
                in[b] = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                readers[b] = (Iterator<?>) builds[b].open.invoke(null, in[b], "application/json", builds[b].limits);
                runs[b] = builds[b].newRun.invoke(builds[b].engine, builds[b].runOptions);
            }
            List<Object> chunk = new ArrayList<>(CHUNK);
            for (int turn = 0; readers[0].hasNext() || readers[1].hasNext(); turn++) {
                for (int k = 0; k < 2; k++) {
                    int b = (turn + k) % 2;
                    chunk.clear();
                    for (int i = 0; i < CHUNK && readers[b].hasNext(); i++) {
                        chunk.add(readers[b].next());
                    }
                    long start = CPU.getCurrentThreadCpuTime();
                    for (Object event : chunk) {
                        builds[b].accept.invoke(runs[b], event);
                    }
                    cpu[b] += CPU.getCurrentThreadCpuTime() - start;
                }
            }
            return new int[] {builds[0].matches(runs[0]), builds[1].matches(runs[1])};
        } finally {
            for (InputStream stream : in) {
                if (stream != null) {
                    stream.close();
                }
            }
        }
    }
}

package io.detectionhub.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The application as a separate operating-system process (its built classes and runtime libraries, without the test
 * classes and test configuration), for tests that must kill it the hard way: {@link #kill()} sends SIGKILL, as
 * {@code kill -9} does, so the JVM gets no chance to flush or close anything.
 */
public final class AppProcess implements AutoCloseable {

    /** The exit status of a process killed by SIGKILL (128 + 9). */
    public static final int KILLED_BY_SIGKILL = 137;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the application with the given arguments ({@code --name=value}) and environment, on a free port, and
     * waits until its health endpoint answers UP. Its output goes to {@code log}.
     */
    public static AppProcess start(List<String> arguments, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", applicationClassPath(),
                "io.detectionhub.DetectionHubApplication",
                "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        AppProcess app = new AppProcess(builder.start(), port, log);
        app.awaitHealthy();
        return app;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** SIGKILL, and waits for the process to be gone; returns its exit status. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** SIGTERM (a graceful shutdown), and waits for the process to be gone. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** The end of the process's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n"
                        + logTail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the application did not start within " + START_TIMEOUT + ":\n" + logTail());
    }

    /**
     * The test JVM's class path without the test classes (which hold the test configuration). Surefire may pass the
     * class path in a manifest-only jar; its Class-Path entries are then used.
     */
    static String applicationClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("surefirebooter")) {
                entries.addAll(manifestClassPath(entry));
            } else {
                entries.add(entry);
            }
        }
        return entries.stream().filter(e -> !Path.of(e).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> manifestClassPath(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            String classPath = manifest.getMainAttributes().getValue("Class-Path");
            return Arrays.stream(classPath.split(" ")).filter(s -> !s.isBlank())
                    .map(url -> Path.of(URI.create(url)).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.detectionhub.coverage;

import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Summary;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TechniqueResult;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Atomic-driven coverage check for pages, which must not wait for it: the first check after a library change
 * compiles the whole library, so pages ask with a short wait and show the result when it is ready (the computation
 * goes on in the background and {@link AtomicCoverageService} caches it per library version).
 */
@Component
public class AtomicCoverageOnPages {

    /** How long a page waits for the check before it renders without it. */
    public static final Duration PAGE_WAIT = Duration.ofMillis(300);

    private static final Logger log = LoggerFactory.getLogger(AtomicCoverageOnPages.class);

    private final AtomicCoverageService atomicCoverage;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atomic-coverage");
        t.setDaemon(true);
        return t;
    });
    private Future<Summary> summary;

    public AtomicCoverageOnPages(AtomicCoverageService atomicCoverage) {
        this.atomicCoverage = atomicCoverage;
    }

    public Optional<Summary> summary(Duration wait) {
        Future<Summary> running;
        synchronized (this) {
            if (summary == null || summary.isDone()) {
                summary = background.submit(atomicCoverage::summary);
            }
            running = summary;
        }
        return await(running, wait);
    }

    public Optional<TechniqueResult> forTechnique(String techniqueId, Duration wait) {
        Callable<TechniqueResult> check = () -> atomicCoverage.forTechnique(techniqueId, false);
        return await(background.submit(check), wait);
    }

    private static <T> Optional<T> await(Future<T> future, Duration wait) {
        try {
            return Optional.ofNullable(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            log.warn("Atomic coverage check failed", e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}

package io.detectionhub.deployment;

import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.security.Actors;
import io.detectionhub.sigma.kql.target.Target;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bulk exports as background jobs: the request answers at once (202 and the job's address), one background thread
 * of the instance that took it builds the zip, and the progress (rules read of the total), the counts and the zip are
 * written to the database, where every instance reads them. A whole SigmaHQ library takes half a minute or more, too
 * long to hold a request. Exports are kept for a day.
 */
@Service
public class DeploymentExports {

    static final Duration KEEP = Duration.ofDays(1);
    private static final int PROGRESS_EVERY = 25;
    private static final Logger log = LoggerFactory.getLogger(DeploymentExports.class);

    private final DeploymentService deployment;
    private final RuleService rules;
    private final ExportJobRepository jobs;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deployment-export");
        t.setDaemon(true);
        return t;
    });

    public DeploymentExports(DeploymentService deployment, RuleService rules, ExportJobRepository jobs) {
        this.deployment = deployment;
        this.rules = rules;
        this.jobs = jobs;
    }

    /**
     * Starts exporting the rules {@code query} selects; {@code selection} is the filters as the caller wrote them
     * (shown on the progress page); {@code revision} which content of each rule is deployed. Unknown formats and
     * targets are refused here, before any job exists.
     */
    public ExportJob start(RuleQuery query, DeploymentFormat format, String targetName, DeployedRevision revision,
                           String selection) {
        Target target = deployment.target(format, targetName);
        int total = (int) Math.min(DeploymentService.MAX_BULK_RULES,
                rules.search(query, PageRequest.of(0, 1)).getTotalElements());
        Instant now = Instant.now();
        jobs.deleteOlderThan(now.minus(KEEP));
        ExportJob job = new ExportJob(UUID.randomUUID().toString(), format.keyword(), target.name(),
                selection == null ? "" : selection.length() > 4000 ? selection.substring(0, 4000) : selection,
                ExportJob.RUNNING, total, 0, 0, 0, null, Actors.current(), now, now);
        jobs.insert(job);
        background.submit(() -> run(job.id(), query, format, target.name(), revision));
        return job;
    }

    private void run(String id, RuleQuery query, DeploymentFormat format, String target, DeployedRevision revision) {
        try {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            DeploymentService.BulkReport report = deployment.bulk(query, format, target, revision, zip, done -> {
                if (done % PROGRESS_EVERY == 0) {
                    jobs.progress(id, done, Instant.now());
                }
            });
            jobs.finish(id, report.selected(), report.exported(), report.leftOut().size(), zip.toByteArray(),
                    Instant.now());
        } catch (IOException | RuntimeException e) {
            log.error("Deployment export {} failed", id, e);
            jobs.fail(id, "The export failed: " + e.getClass().getSimpleName(), Instant.now());
        }
    }

    public ExportJob find(String id) {
        return jobs.find(id).orElseThrow(() -> new ExportNotFoundException(id));
    }

    /** The zip of a finished export; empty while it runs or when it failed. */
    public java.util.Optional<byte[]> zip(String id) {
        find(id);
        return jobs.zip(id);
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}

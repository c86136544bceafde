package io.detectionhub.sources;

import io.detectionhub.library.RuleImport;
import io.detectionhub.library.RuleImportResult;
import io.detectionhub.library.RuleProvenance;
import io.detectionhub.library.RuleService;
import io.detectionhub.export.ExceptionsSidecar;
import io.detectionhub.library.exceptions.ExceptionRequest;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.ruletests.SigmaHqTestImport;
import io.detectionhub.security.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.InputStreamSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports uploads (Sigma files, zip or tar.gz archives of a rule repository) into the library as background jobs.
 * The request reads and checks the upload (a refused archive stores nothing and creates no job), records the job
 * (202), and a background thread of this instance imports the rule files in chunks of {@value #CHUNK}: each chunk is
 * one transaction that writes the rules ({@link RuleService#importRules}) and the chunk's report rows, so the report
 * always says what the library holds. State, progress, counts and report are in the database, readable from any
 * instance; cancelling sets a flag there, which the job reads between chunks. The job runs as the person who started
 * it (rules and audit entries name them).
 */
@Service
public class ImportService implements org.springframework.beans.factory.DisposableBean {

    static final int CHUNK = 200;

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** A file of an upload: its name (for the type and the report) and its content. */
    public record Upload(String name, InputStreamSource content) {
    }

    private final RuleService rules;
    private final RuleTestService ruleTests;
    private final RuleExceptions exceptions;
    private final ImportJobs jobs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    private final RuleArchive.Limits limits;

    ImportService(RuleService rules, RuleTestService ruleTests, RuleExceptions exceptions, ImportJobs jobs,
                  ApplicationEventPublisher events, PlatformTransactionManager transactions,
                  ObjectProvider<Clock> clock) {
        this.exceptions = exceptions;
        this.rules = rules;
        this.ruleTests = ruleTests;
        this.jobs = jobs;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.limits = RuleArchive.Limits.defaults();
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setThreadNamePrefix("import-");
        pool.setWaitForTasksToCompleteOnShutdown(false);
        pool.initialize();
        this.executor = pool;
    }

    /**
     * Reads the uploads and starts their import.
     *
     * @throws ImportRefusedException when an upload is not a rule file or archive, unsafe or over the limits
     */
    public ImportJob startUpload(List<Upload> uploads, Overwrite overwrite) {
        if (uploads.isEmpty()) {
            throw ImportRefusedException.refused("Send one or more files in the multipart field 'file': Sigma YAML "
                    + "files, or a .zip or .tar.gz of a rule repository.");
        }
        RuleArchive archive = new RuleArchive(limits);
        List<RuleArchive.SourceFile> files = new ArrayList<>();
        List<String> licences = new ArrayList<>();
        for (Upload upload : uploads) {
            try (InputStream in = upload.content().getInputStream()) {
                files.addAll(archive.read(upload.name(), in, licences));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.stream().noneMatch(f -> f.text() != null)) {
            throw ImportRefusedException.refused("The upload holds no Sigma file (.yml, .yaml"
                    + (files.isEmpty() ? "" : "; " + files.size() + " other files") + ").");
        }
        String source = uploads.size() == 1 ? uploads.get(0).name()
                : uploads.size() + " files (" + uploads.get(0).name() + ", ...)";
        return start(source, null, licences.isEmpty() ? null : licences.get(0), files, overwrite, List.of(), null);
    }

    /**
     * Imports again the files of a job that were in conflict, overwriting the local edits of {@code ruleIds} (all
     * of them when empty): a new job.
     */
    public ImportJob overwriteConflicts(long jobId, Set<String> ruleIds) {
        ImportJob job = find(jobId).orElseThrow(() -> ImportRefusedException.notFound(jobId));
        List<RuleArchive.SourceFile> files = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ImportJobs.Conflict c : jobs.conflicts(jobId)) {
            if (ruleIds.isEmpty() || c.ruleIds().stream().anyMatch(ruleIds::contains)) {
                files.add(new RuleArchive.SourceFile(c.path(), c.yaml(), null));
                ids.addAll(ruleIds.isEmpty() ? c.ruleIds() : ruleIds);
            }
        }
        if (files.isEmpty()) {
            throw ImportRefusedException.refused("Import " + jobId + " has no conflict"
                    + (ruleIds.isEmpty() ? "" : " with the rules " + String.join(", ", ruleIds)) + " to overwrite.");
        }
        return start(job.source(), job.revision(), job.licence(), files, new Overwrite(false, ids), List.of(), null);
    }

    /** Asks a queued or running job to stop after its current chunk; what it imported stays. */
    public ImportJob cancel(long id) {
        ImportJob job = find(id).orElseThrow(() -> ImportRefusedException.notFound(id));
        tx.executeWithoutResult(s -> {
            if (jobs.requestCancel(id)) {
                events.publishEvent(new ImportJobChanged(id, ImportJobChanged.Change.CANCEL_REQUESTED, job.source(),
                        "import " + id + " asked to stop (" + job.source() + ")"));
            }
        });
        return find(id).orElseThrow();
    }

    public Optional<ImportJob> find(long id) {
        return jobs.find(id, now());
    }

    public List<ImportJob> recent(int limit) {
        return jobs.recent(limit, now());
    }

    /** The job's per-file report; {@code status} (e.g. {@code conflict}) filters, null for every file. */
    public List<ImportFileReport> report(long id, String status) {
        return jobs.files(id, status);
    }

    /**
     * Starts an import job of {@code files}; {@code extra} rows (e.g. files deleted upstream) go into the report as they
     * are; {@code onEnd} runs with the job id and its final state in the transaction that ends the job.
     */
    ImportJob start(String source, String revision, String licence, List<RuleArchive.SourceFile> files,
                    Overwrite overwrite, List<ImportFileReport> extra, java.util.function.BiConsumer<Long, String> onEnd) {
        return start(source, revision, licence, files, overwrite, extra, onEnd, regressionData(files));
    }

    /**
     * As {@link #start(String, String, String, List, Overwrite, List, java.util.function.BiConsumer)}, with the
     * files a rule's {@code regression_tests_path} names read through {@code repository} (null: the source has no
     * regression data, a rule's shipped tests are then left as they are).
     */
    ImportJob start(String source, String revision, String licence, List<RuleArchive.SourceFile> files,
                    Overwrite overwrite, List<ImportFileReport> extra, java.util.function.BiConsumer<Long, String> onEnd,
                    SigmaHqTestImport.FileResolver repository) {
        Instant retrievedAt = now();
        int total = (int) files.stream().filter(f -> f.text() != null).count();
        long id = tx.execute(s -> {
            long created = jobs.create(source, revision, licence, total, Actors.current(), retrievedAt);
            events.publishEvent(new ImportJobChanged(created, ImportJobChanged.Change.STARTED, source,
                    "import " + created + " started: " + total + " rule file(s) from " + source));
            return created;
        });
        RuleProvenance provenance = new RuleProvenance(source, revision, null, retrievedAt, licence);
        executor.execute(new DelegatingSecurityContextRunnable(() -> run(id, files, provenance, overwrite, extra,
                onEnd, repository)));
        return find(id).orElseThrow();
    }

    /** The export sidecars among the files (test cases, exceptions of the rule beside each), by path. */
    private static Map<String, String> sidecars(List<RuleArchive.SourceFile> files) {
        Map<String, String> texts = new HashMap<>();
        for (RuleArchive.SourceFile f : files) {
            if (f.support() != null && (f.path().endsWith(RuleArchive.TESTS_SIDECAR)
                    || f.path().endsWith(RuleArchive.EXCEPTIONS_SIDECAR))) {
                texts.put(f.path(), f.support());
            }
        }
        return texts;
    }

    /** The regression data of an archive (its {@code regression_data/} texts by path), or null when it has none. */
    private static SigmaHqTestImport.FileResolver regressionData(List<RuleArchive.SourceFile> files) {
        Map<String, String> texts = new HashMap<>();
        for (RuleArchive.SourceFile f : files) {
            if (f.support() != null && f.path().startsWith(RuleArchive.REGRESSION_DATA)) {
                texts.put(f.path(), f.support());
            }
        }
        return texts.isEmpty() ? null : path -> Optional.ofNullable(texts.get(path));
    }

    private void run(long id, List<RuleArchive.SourceFile> files, RuleProvenance base, Overwrite overwrite,
                     List<ImportFileReport> extra, java.util.function.BiConsumer<Long, String> onEnd,
                     SigmaHqTestImport.FileResolver repository) {
        String comment = "import " + id + " from " + base.source()
                + (base.revision() == null ? "" : " at " + base.revision());
        try {
            jobs.running(id, now());
            List<ImportFileReport> skipped = new ArrayList<>(extra);
            List<RuleImport> ruleFiles = new ArrayList<>();
            for (RuleArchive.SourceFile f : files) {
                if (f.text() == null) {
                    skipped.add(new ImportFileReport(f.path(), "skipped", List.of(), f.skipped()));
                } else {
                    ruleFiles.add(new RuleImport(f.path(), f.text(), new RuleProvenance(base.source(),
                            base.revision(), f.path(), base.retrievedAt(), base.licence())));
                }
            }
            Map<String, String> sidecars = sidecars(files);
            int position = 0;
            if (!skipped.isEmpty()) {
                int first = position;
                tx.executeWithoutResult(s -> jobs.report(id, first, skipped, null, now()));
                position += skipped.size();
            }
            for (int from = 0; from < ruleFiles.size(); from += CHUNK) {
                if (jobs.cancelRequested(id)) {
                    end(id, base, "cancelled", "Stopped on request after " + from + " of " + ruleFiles.size()
                            + " rule files; what was imported stays.", onEnd);
                    return;
                }
                List<RuleImport> chunk = ruleFiles.subList(from, Math.min(ruleFiles.size(), from + CHUNK));
                int first = position;
                List<RuleImportResult> imported = tx.execute(s -> {
                    List<RuleImportResult> results = rules.importRules(chunk, overwrite, comment);
                    List<ImportFileReport> reports = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < results.size(); i++) {
                        RuleImportResult r = results.get(i);
                        reports.add(new ImportFileReport(r.path(), ImportJobs.status(r.status()), r.ruleIds(),
                                r.message()));
                        texts.add(r.status() == RuleImportResult.Status.CONFLICT ? chunk.get(i).yaml() : null);
                    }
                    jobs.report(id, first, reports, texts, now());
                    return results;
                });
                shippedTests(id, first, chunk, imported, repository, sidecars);
                position += chunk.size();
            }
            loneSidecars(id, skipped, ruleFiles, sidecars, base.source());
            end(id, base, "succeeded", null, onEnd);
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            end(id, base, "failed", "The import stopped on an error: " + e.getClass().getSimpleName()
                    + ". What was imported before stays; see the report.", onEnd);
        }
    }

    /**
     * What the written rules of a chunk bring besides their text, each rule in its own transaction (a refused case
     * does not undo the rules), noted in the file's report row: the test cases they ship with
     * ({@code regression_tests_path}), their {@code simulation:} blocks checked against the Atomic catalogue (a warning
     * for each not linked), their embedded exemplar events, and an export's sidecars beside the file
     * ({@code .tests.json}: create-or-update by case name).
     */
    private void shippedTests(long id, int first, List<RuleImport> chunk, List<RuleImportResult> results,
                              SigmaHqTestImport.FileResolver repository, Map<String, String> sidecars) {
        for (int i = 0; i < results.size(); i++) {
            RuleImportResult r = results.get(i);
            String yaml = chunk.get(i).yaml();
            boolean written = r.status() == RuleImportResult.Status.CREATED
                    || r.status() == RuleImportResult.Status.UPDATED;
            if (r.ruleIds().isEmpty() || !written && r.status() != RuleImportResult.Status.UNCHANGED) {
                continue;
            }
            String ruleId = r.ruleIds().get(0);
            List<String> notes = new ArrayList<>();
            if (written && (yaml.contains("regression_tests_path") || yaml.contains("simulation")
                    || RuleTestService.mayEmbedEvents(yaml))) {
                if (repository == null && yaml.contains("regression_tests_path")) {
                    notes.add("Regression tests not imported: the source holds no regression_data/ folder.");
                }
                notes.add(guarded(id, r.path(), "Regression tests", () -> shippedNote(tx.execute(s ->
                        ruleTests.importShipped(ruleId, yaml, repository)))));
            }
            String base = r.path().replaceFirst("(?i)\\.ya?ml$", "");
            String tests = sidecars.get(base + RuleArchive.TESTS_SIDECAR);
            if (tests != null) {
                notes.add(guarded(id, r.path(), "Test cases", () -> casesNote(tx.execute(s ->
                        ruleTests.importCases(ruleId, tests)))));
            }
            String exceptionsText = sidecars.get(base + RuleArchive.EXCEPTIONS_SIDECAR);
            if (exceptionsText != null) {
                notes.add(guarded(id, r.path(), "Exceptions", () -> importExceptions(ruleId, exceptionsText,
                        "import " + id)));
            }
            notes.removeIf(String::isEmpty);
            if (!notes.isEmpty()) {
                int position = first + i;
                String message = String.join(" ", notes);
                tx.executeWithoutResult(s -> jobs.note(id, position, message));
            }
        }
    }

    /**
     * Sidecars whose rule file is not part of this import (a sync of a commit that changed only a rule's
     * {@code .tests.json} or {@code .exceptions.yml}): read for the rule this source holds at that path, noted on the
     * sidecar's own report row.
     */
    private void loneSidecars(long id, List<ImportFileReport> skipped, List<RuleImport> ruleFiles,
                              Map<String, String> sidecars, String source) {
        Set<String> imported = new HashSet<>();
        ruleFiles.forEach(f -> imported.add(f.path()));
        for (int position = 0; position < skipped.size(); position++) {
            String path = skipped.get(position).path();
            String text = sidecars.get(path);
            if (text == null) {
                continue;
            }
            boolean tests = path.endsWith(RuleArchive.TESTS_SIDECAR);
            String base = path.substring(0, path.length() - (tests ? RuleArchive.TESTS_SIDECAR
                    : RuleArchive.EXCEPTIONS_SIDECAR).length());
            if (imported.contains(base + ".yml") || imported.contains(base + ".yaml")) {
                continue;
            }
            List<String> ruleIds = tx.execute(s -> jobs.rulesAt(source, List.of(base + ".yml", base + ".yaml")));
            String note;
            if (ruleIds.size() != 1) {
                note = ruleIds.isEmpty() ? "Not read: this source has no rule at " + base + ".yml."
                        : "Not read: " + base + ".yml holds several rules.";
            } else if (tests) {
                note = guarded(id, path, "Test cases", () -> casesNote(tx.execute(s ->
                        ruleTests.importCases(ruleIds.get(0), text))));
            } else {
                note = guarded(id, path, "Exceptions", () -> importExceptions(ruleIds.get(0), text, "import " + id));
            }
            int row = position;
            tx.executeWithoutResult(s -> jobs.note(id, row, note));
        }
    }

    /** The note of one step for a file, or why it was refused (the rule stays). */
    private static String guarded(long id, String path, String what, java.util.function.Supplier<String> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            log.info("Import {}: {} of {} refused", id, what.toLowerCase(java.util.Locale.ROOT), path, e);
            return what + " not imported: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }

    /**
     * An export's {@code .exceptions.yml} of a rule: an exception with the same id is replaced when it differs, any
     * other created (the importer is its author), each in its own transaction so a refused one (expired, invalid, its
     * id another rule's) does not undo the others; the note says what happened.
     */
    private String importExceptions(String ruleId, String text, String comment) {
        ExceptionsSidecar.Read read = ExceptionsSidecar.read(text);
        List<String> problems = new ArrayList<>(read.problems());
        int created = 0;
        int replaced = 0;
        int unchanged = 0;
        for (ExceptionsSidecar.Entry entry : read.entries()) {
            try {
                String outcome = tx.execute(s -> {
                    ExceptionRequest q = entry.request();
                    Optional<RuleException> existing = entry.id() == null ? Optional.empty()
                            : exceptions.find(ruleId, entry.id());
                    if (existing.isEmpty()) {
                        exceptions.create(ruleId, q, comment);
                        return "created";
                    }
                    RuleException e = existing.get();
                    if (e.yaml().equals(q.yaml()) && java.util.Objects.equals(e.title(), q.title())
                            && java.util.Objects.equals(e.reason(), q.reason())
                            && java.util.Objects.equals(e.expires(), q.expires())
                            && java.util.Objects.equals(e.ticket(), q.ticket())) {
                        return "unchanged";
                    }
                    exceptions.replace(ruleId, e.id(), q, e.version(), comment);
                    return "replaced";
                });
                switch (outcome) {
                    case "created" -> created++;
                    case "replaced" -> replaced++;
                    default -> unchanged++;
                }
            } catch (RuntimeException e) {
                problems.add("exception " + (entry.id() == null ? "" : entry.id() + " ") + "("
                        + entry.request().title() + "): " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            }
        }
        StringBuilder note = new StringBuilder("Exceptions from its .exceptions.yml: " + created + " created, "
                + replaced + " updated, " + unchanged + " unchanged");
        if (!problems.isEmpty()) {
            note.append("; not imported: ").append(String.join("; ", problems));
        }
        return note.append('.').toString();
    }

    static String casesNote(RuleTestService.ImportedCases c) {
        StringBuilder note = new StringBuilder("Test cases from its .tests.json: " + c.created() + " created, "
                + c.replaced() + " updated, " + c.unchanged() + " unchanged");
        if (!c.problems().isEmpty()) {
            note.append("; not imported: ").append(String.join("; ", c.problems()));
        }
        return note.append('.').toString();
    }

    static String shippedNote(RuleTestService.ShippedTests t) {
        List<String> parts = new ArrayList<>();
        if (t.cases() > 0 || !t.notImportable().isEmpty()) {
            parts.add(t.cases() + " test case(s) imported from its regression data");
        }
        if (!t.notImportable().isEmpty()) {
            parts.add("not importable: " + String.join("; ", t.notImportable()));
        }
        if (t.embeddedCases() > 0) {
            parts.add(t.embeddedCases() + " test case(s) from its embedded events");
        }
        if (!t.atomicTests().isEmpty()) {
            parts.add(t.atomicTests().size() + " Atomic test(s) of its simulation block linked");
        }
        if (!t.unknownAtomicTests().isEmpty()) {
            parts.add("warning: " + String.join("; ", t.unknownAtomicTests()));
        }
        if (!t.problems().isEmpty()) {
            parts.add("problems: " + String.join("; ", t.problems()));
        }
        return parts.isEmpty() ? "" : String.join("; ", parts) + ".";
    }

    private void end(long id, RuleProvenance base, String state, String message,
                     java.util.function.BiConsumer<Long, String> onEnd) {
        tx.executeWithoutResult(s -> {
            jobs.finish(id, state, message, now());
            if (onEnd != null) {
                onEnd.accept(id, state);
            }
            ImportJob job = jobs.find(id, now()).orElseThrow();
            ImportJob.Counts c = job.counts();
            events.publishEvent(new ImportJobChanged(id, ImportJobChanged.Change.FINISHED, base.source(),
                    "import " + id + " " + state + ": " + c.created() + " created, " + c.updated() + " updated, "
                            + c.unchanged() + " unchanged, " + c.invalid() + " invalid, " + c.conflicts()
                            + " conflicts, " + c.skipped() + " skipped"
                            + (c.deleted() == 0 ? "" : ", " + c.deleted() + " deleted upstream")));
        });
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

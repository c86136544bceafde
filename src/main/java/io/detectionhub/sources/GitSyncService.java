package io.detectionhub.sources;

import io.detectionhub.security.Actors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Git repositories as rule sources (JGit): an admin registers one, and syncs it on demand or on its schedule. A sync
 * fetches the branch into this instance's bare copy ({@code ${detectionhub.data-dir}/sources}), lists what changed
 * since the last synced commit (all files the first time; renames detected), and starts an import job of the added,
 * changed and renamed files, with the files deleted upstream listed in its report (their rules stay). The commit is
 * recorded when the job succeeds, so a failed or cancelled sync is repeated whole by the next one. One instance at a
 * time syncs a source: it takes a lease on the source's row (an atomic UPDATE), released when the job ends.
 */
@Service
public class GitSyncService {

    static final Duration LEASE = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(GitSyncService.class);
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._ /-]{1,200}");

    /** What an admin registers; {@code secret} (password or token) is stored and never returned. */
    public record Registration(String url, String branch, List<String> folders, String username, String secret,
                               Integer scheduleMinutes) {
    }

    private final JdbcClient jdbc;
    private final ImportService imports;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Path cache;
    private final boolean allowFileUrls;
    private final String instance = UUID.randomUUID().toString();

    GitSyncService(JdbcClient jdbc, ImportService imports, ApplicationEventPublisher events,
                   PlatformTransactionManager transactions, ObjectProvider<Clock> clock,
                   @Value("${detectionhub.data-dir:./data}") String dataDir,
                   @Value("${detectionhub.sources.allow-file-urls:false}") boolean allowFileUrls) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.cache = Path.of(dataDir, "sources");
        this.allowFileUrls = allowFileUrls;
    }

    /** @throws ImportRefusedException when the URL, branch, folders or schedule are not usable */
    public RuleSource register(Registration r) {
        String url = r.url() == null ? "" : r.url().strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("ssh://")
                || (allowFileUrls && lower.startsWith("file:")))) {
            throw ImportRefusedException.refused("The URL must be an https://, http:// or ssh:// git URL"
                    + (allowFileUrls ? " (or file:)" : "") + ".");
        }
        if (url.length() > 1000 || url.matches("(?i)^[a-z]+://[^/]*@.*")) {
            throw ImportRefusedException.refused("Give credentials as username and secret, not in the URL.");
        }
        String branch = r.branch() == null || r.branch().isBlank() ? "main" : r.branch().strip();
        if (!BRANCH.matcher(branch).matches() || branch.contains("..")) {
            throw ImportRefusedException.refused("'" + branch + "' is not a branch name.");
        }
        List<String> folders = new ArrayList<>();
        for (String f : r.folders() == null ? List.<String>of() : r.folders()) {
            String folder = f == null ? "" : f.strip().replaceAll("^/+|/+$", "");
            if (folder.isEmpty()) {
                continue;
            }
            if (!FOLDER.matcher(folder).matches() || ("/" + folder + "/").contains("/../")) {
                throw ImportRefusedException.refused("'" + f + "' is not a folder of the repository.");
            }
            folders.add(folder);
        }
        if (r.scheduleMinutes() != null && (r.scheduleMinutes() < 5 || r.scheduleMinutes() > 7 * 24 * 60)) {
            throw ImportRefusedException.refused("The schedule is minutes between syncs, 5 to 10080, or none.");
        }
        Instant now = now();
        long id = tx.execute(s -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO rule_source (url, branch, folders, username, secret, schedule_minutes, created_by,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(url, branch, folders.isEmpty() ? null : String.join("\n", folders), blankToNull(r.username()),
                            blankToNull(r.secret()), r.scheduleMinutes(), Actors.current(), ts(now))
                    .update(key, "id");
            long created = key.getKeys().values().stream().map(Number.class::cast).findFirst().orElseThrow()
                    .longValue();
            events.publishEvent(new RuleSourceChanged(created, RuleSourceChanged.Change.REGISTERED, url,
                    "git source " + created + " registered: " + url + " (" + branch + ")"));
            return created;
        });
        return find(id).orElseThrow();
    }

    public List<RuleSource> all() {
        return jdbc.sql("SELECT * FROM rule_source ORDER BY id").query((rs, n) -> source(rs)).list();
    }

    public Optional<RuleSource> find(long id) {
        return jdbc.sql("SELECT * FROM rule_source WHERE id = ?").param(id).query((rs, n) -> source(rs)).optional();
    }

    /** Removes a source (the rules it imported stay, with their provenance). */
    public void delete(long id) {
        RuleSource source = find(id).orElseThrow(() -> notFound(id));
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM rule_source WHERE id = ?").param(id).update();
            events.publishEvent(new RuleSourceChanged(id, RuleSourceChanged.Change.DELETED, source.url(),
                    "git source " + id + " removed: " + source.url()));
        });
    }

    /**
     * Fetches the source and starts the import job of what changed.
     *
     * @throws ImportRefusedException 409 when another sync of the source is running, 400 when the fetch fails
     */
    public ImportJob sync(long id) {
        RuleSource source = find(id).orElseThrow(() -> notFound(id));
        if (!lease(id)) {
            throw ImportRefusedException.conflict("A sync of source " + id + " is running; follow it on the Import page.");
        }
        try {
            return startSync(source);
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
    }

    /** Syncs every source whose schedule is due (on the instance that gets its lease). */
    @Scheduled(fixedDelayString = "${detectionhub.sources.schedule-check:60s}", initialDelayString = "60s")
    void syncDue() {
        Instant now = now();
        for (RuleSource source : all()) {
            if (source.scheduleMinutes() == null || (source.lastSyncAt() != null
                    && source.lastSyncAt().plus(Duration.ofMinutes(source.scheduleMinutes())).isAfter(now))) {
                continue;
            }
            if (lease(source.id())) {
                try {
                    startSync(source);
                } catch (RuntimeException e) {
                    release(source.id());
                    log.warn("Scheduled sync of source {} ({}) failed: {}", source.id(), source.url(), e.getMessage());
                }
            }
        }
    }

    private ImportJob startSync(RuleSource source) {
        Changes changes;
        try {
            changes = fetchChanges(source);
        } catch (IOException | GitAPIException | RuntimeException e) {
            log.info("Fetch of source {} ({}) failed", source.id(), source.url(), e);
            throw ImportRefusedException.refused("Could not fetch " + source.url() + " (" + source.branch() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        tx.executeWithoutResult(s -> events.publishEvent(new RuleSourceChanged(source.id(),
                RuleSourceChanged.Change.SYNC_STARTED, source.url(), "sync of git source " + source.id() + " at "
                + changes.commit() + (source.lastCommit() == null ? " (first)" : " (since " + source.lastCommit() + ")"))));
        return imports.start(source.url(), changes.commit(), changes.licence(), changes.files(), Overwrite.NONE,
                changes.deleted(), (jobId, state) -> {
                    if (state.equals("succeeded")) {
                        jdbc.sql("UPDATE rule_source SET last_commit = ?, last_sync_at = ?, last_job_id = ?,"
                                        + " lease_owner = NULL, lease_until = NULL WHERE id = ?")
                                .params(changes.commit(), ts(now()), jobId, source.id()).update();
                    } else {
                        jdbc.sql("UPDATE rule_source SET last_job_id = ?, lease_owner = NULL, lease_until = NULL"
                                + " WHERE id = ?").params(jobId, source.id()).update();
                    }
                }, changes.regressionData());
    }

    /**
     * What a sync imports; {@code regressionData} reads the files of SigmaHQ's {@code regression_data/} at the
     * commit from the local clone (every file, not only the changed ones), null when the commit has no such folder.
     */
    record Changes(String commit, String licence, List<RuleArchive.SourceFile> files, List<ImportFileReport> deleted,
                   io.detectionhub.ruletests.SigmaHqTestImport.FileResolver regressionData) {
    }

    /** Reads {@code regression_data/} files of {@code commit} from the bare clone {@code dir}, within the size limit. */
    private static io.detectionhub.ruletests.SigmaHqTestImport.FileResolver regressionData(Path dir, String commit) {
        return path -> {
            if (!path.startsWith(RuleArchive.REGRESSION_DATA)) {
                return java.util.Optional.empty();
            }
            try (Git git = Git.open(dir.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
                Repository repo = git.getRepository();
                RevCommit c = walk.parseCommit(repo.resolve(commit + "^{commit}"));
                try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
                    if (tw == null || tw.isSubtree()) {
                        return java.util.Optional.empty();
                    }
                    long size = repo.open(tw.getObjectId(0)).getSize();
                    if (size > RuleArchive.Limits.defaults().maxEntryBytes()) {
                        throw new IOException(path + " is larger than "
                                + RuleArchive.Limits.defaults().maxEntryBytes() + " bytes");
                    }
                    return java.util.Optional.of(new String(repo.open(tw.getObjectId(0)).getBytes((int) size),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        };
    }

    Changes fetchChanges(RuleSource source) throws IOException, GitAPIException {
        Files.createDirectories(cache);
        Path dir = cache.resolve("source-" + source.id() + "-" + Integer.toHexString(source.url().hashCode()) + ".git");
        String ref = "refs/heads/" + source.branch();
        CredentialsProvider credentials = credentials(source.id());
        if (!Files.isDirectory(dir.resolve("objects"))) {
            Git.cloneRepository().setURI(source.url()).setBare(true).setDirectory(dir.toFile())
                    .setBranchesToClone(List.of(ref)).setBranch(ref).setCredentialsProvider(credentials).call()
                    .close();
        }
        try (Git git = Git.open(dir.toFile())) {
            git.fetch().setRemote(source.url()).setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setCredentialsProvider(credentials).call();
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve(ref);
            if (head == null) {
                throw new IOException("the repository has no branch '" + source.branch() + "'");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(head);
                List<String> all = paths(repo, commit, source.folders());
                boolean sigmaLayout = RuleArchive.isSigmaLayout(all);
                List<String> licences = new ArrayList<>();
                readLicence(repo, commit, licences);
                ObjectId last = source.lastCommit() == null ? null : repo.resolve(source.lastCommit() + "^{commit}");
                List<RuleArchive.Raw> changed = new ArrayList<>();
                List<ImportFileReport> deleted = new ArrayList<>();
                if (last == null) {
                    for (String path : all) {
                        changed.add(new RuleArchive.Raw(path, blob(repo, commit, path)));
                    }
                } else {
                    try (TreeWalk tw = new TreeWalk(repo)) {
                        tw.setRecursive(true);
                        tw.addTree(walk.parseCommit(last).getTree());
                        tw.addTree(commit.getTree());
                        RenameDetector renames = new RenameDetector(repo);
                        // Only exact renames: a similar new file (another rule from the same template) is an addition
                        // and the old one a deletion, each reported as such.
                        renames.setRenameScore(100);
                        renames.addAll(DiffEntry.scan(tw));
                        for (DiffEntry d : renames.compute()) {
                            if (d.getChangeType() == DiffEntry.ChangeType.DELETE) {
                                if (inFolders(d.getOldPath(), source.folders())) {
                                    deleted.add(new ImportFileReport(d.getOldPath(), "deleted-upstream",
                                            rulesFrom(source.url(), d.getOldPath()), "deleted upstream; its rules "
                                            + "stay in the library"));
                                }
                            } else if (inFolders(d.getNewPath(), source.folders())) {
                                changed.add(new RuleArchive.Raw(d.getNewPath(), blob(repo, commit, d.getNewPath())));
                            }
                        }
                    }
                }
                boolean hasRegressionData;
                try (TreeWalk data = TreeWalk.forPath(repo, "regression_data", commit.getTree())) {
                    hasRegressionData = data != null;
                }
                return new Changes(commit.getName(), licences.isEmpty() ? null : licences.get(0),
                        RuleArchive.classify(changed, new ArrayList<>(), sigmaLayout), deleted,
                        hasRegressionData ? regressionData(dir, commit.getName()) : null);
            }
        }
    }

    private List<String> rulesFrom(String url, String path) {
        return jdbc.sql("SELECT rule_id FROM rule_provenance WHERE source = ? AND source_path = ? ORDER BY rule_id")
                .params(url, path).query(String.class).list();
    }

    private static List<String> paths(Repository repo, RevCommit commit, List<String> folders) throws IOException {
        List<String> paths = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (inFolders(tw.getPathString(), folders)) {
                    paths.add(tw.getPathString());
                }
            }
        }
        return paths;
    }

    private static void readLicence(Repository repo, RevCommit commit, List<String> licences) throws IOException {
        for (String name : List.of("LICENSE", "LICENSE.md", "LICENSE.txt")) {
            try (TreeWalk tw = TreeWalk.forPath(repo, name, commit.getTree())) {
                if (tw != null) {
                    String licence = RuleArchive.licenceOf(new String(repo.open(tw.getObjectId(0)).getBytes(1 << 20),
                            java.nio.charset.StandardCharsets.UTF_8));
                    if (licence != null) {
                        licences.add(licence);
                        return;
                    }
                }
            }
        }
    }

    /**
     * The file's bytes, at most one byte over the per-file limit: a larger file is read cut (never whole into memory),
     * and the import then reports that one file as invalid (too large) while the rest of the sync goes on.
     */
    private static byte[] blob(Repository repo, RevCommit commit, String path) throws IOException {
        long limit = Math.min(RuleArchive.Limits.defaults().maxEntryBytes(), Integer.MAX_VALUE - 1L);
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree());
             java.io.InputStream in = repo.open(tw.getObjectId(0)).openStream()) {
            return in.readNBytes((int) limit + 1);
        }
    }

    private static boolean inFolders(String path, List<String> folders) {
        return folders.isEmpty() || folders.stream().anyMatch(f -> path.startsWith(f + "/"));
    }

    private CredentialsProvider credentials(long id) {
        return jdbc.sql("SELECT username, secret FROM rule_source WHERE id = ?").param(id)
                .query((rs, n) -> rs.getString("secret") == null ? null : new UsernamePasswordCredentialsProvider(
                        rs.getString("username") == null ? "git" : rs.getString("username"), rs.getString("secret")))
                .optional().orElse(null);
    }

    private boolean lease(long id) {
        Instant now = now();
        return tx.execute(s -> jdbc.sql("UPDATE rule_source SET lease_owner = ?, lease_until = ? WHERE id = ? AND"
                        + " (lease_until IS NULL OR lease_until < ?)")
                .params(instance, ts(now.plus(LEASE)), id, ts(now)).update()) == 1;
    }

    private void release(long id) {
        tx.executeWithoutResult(s -> jdbc.sql("UPDATE rule_source SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ?").param(id).update());
    }

    private static RuleSource source(java.sql.ResultSet rs) throws java.sql.SQLException {
        String folders = rs.getString("folders");
        return new RuleSource(rs.getLong("id"), rs.getString("url"), rs.getString("branch"),
                folders == null ? List.of() : Arrays.asList(folders.split("\n")), rs.getString("secret") != null,
                (Integer) rs.getObject("schedule_minutes", Integer.class), rs.getString("last_commit"),
                instant(rs, "last_sync_at"), (Long) rs.getObject("last_job_id", Long.class),
                rs.getString("created_by"), instant(rs, "created_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ImportRefusedException notFound(long id) {
        return ImportRefusedException.sourceNotFound(id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

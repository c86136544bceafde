package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.translate.UnknownTargetException;
import io.detectionhub.web.RequestText;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Finds a KQL target by name for every KQL and evaluation endpoint: a built-in target, the generic {@code custom}
 * target (with {@code table=NAME}), or a user-defined target stored in the database. Stateless across instances:
 * user targets are read from the database and cached per revision of its change counter, so every instance sees a
 * change on its next request.
 */
@Service
public class TargetResolver {

    /** Table names accepted for the generic target (same characters as the target format allows). */
    private static final Pattern TABLE_NAME = Pattern.compile("[\\p{L}\\p{N}_ .$-]{1,256}");

    private final CustomTargetRepository repository;
    private final TargetRegistry builtIns = TargetRegistry.builtIn();
    private final AtomicReference<UserTargetSnapshot> cache = new AtomicReference<>();

    TargetResolver(CustomTargetRepository repository) {
        this.repository = repository;
    }

    /**
     * The target named {@code name}; {@code table} is required by (and only used for) the generic target.
     *
     * @throws UnknownTargetException when there is no such target, or {@code custom} has no valid table
     * @throws BrokenTargetException  when a stored user target no longer loads
     */
    public Target resolve(String name, String table) {
        if (name == null || name.isBlank()) {
            name = TargetRegistry.DEFAULT_TARGET;
        }
        if (Target.CUSTOM.equals(name)) {
            if (table == null || table.isBlank()) {
                throw new UnknownTargetException(name, "the target 'custom' needs the table to query: table=NAME");
            }
            if (!TABLE_NAME.matcher(table).matches()) {
                throw new UnknownTargetException(name, "'" + RequestText.printable(table) + "' is not a valid table name "
                        + "(letters, digits, '_', ' ', '.', '$', '-'; 1-256 characters)");
            }
            return Target.custom(table);
        }
        Optional<Target> builtIn = builtIns.find(name);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        String found = name;
        UserTargetSnapshot.Result result = snapshot().find(name).orElseThrow(() -> new UnknownTargetException(found,
                "no target named '" + RequestText.printable(found) + "' (built-in: " + String.join(", ", TargetRegistry.BUILT_IN_NAMES)
                        + ", custom with table=NAME, or a user-defined target)"));
        if (!result.ok()) {
            throw new BrokenTargetException(name, result.problems());
        }
        return result.target();
    }

    /** A built-in or user target by name (not the generic one), empty when unknown or not loading. */
    public Optional<Target> find(String name) {
        Optional<Target> builtIn = builtIns.find(name);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return snapshot().find(name).filter(UserTargetSnapshot.Result::ok).map(UserTargetSnapshot.Result::target);
    }

    /** Every target a user can pick: the built-ins, then the user targets that load, by name. */
    public List<Target> all() {
        List<Target> result = new ArrayList<>(builtIns.all());
        UserTargetSnapshot snapshot = snapshot();
        for (String name : snapshot.versions().keySet()) {
            snapshot.find(name).filter(UserTargetSnapshot.Result::ok).ifPresent(r -> result.add(r.target()));
        }
        return result;
    }

    /** True for the names of built-in targets and the generic target (which users cannot take). */
    public boolean isReserved(String name) {
        return builtIns.find(name).isPresent() || Target.CUSTOM.equals(name);
    }

    /**
     * The change counter of user targets (one small query): caches of anything compiled from a user target (e.g.
     * evaluation engines by schema) key on it, so every instance sees a change on its next request.
     */
    public long userTargetsRevision() {
        return repository.revision();
    }

    TargetRegistry builtIns() {
        return builtIns;
    }

    /** The user targets of the current revision (one small query per call; reloaded when the revision changed). */
    UserTargetSnapshot snapshot() {
        long revision = repository.revision();
        UserTargetSnapshot cached = cache.get();
        if (cached != null && cached.revision() == revision) {
            return cached;
        }
        UserTargetSnapshot fresh = new UserTargetSnapshot(revision, builtIns, repository.current());
        // a slower reader of an older revision must not replace a newer snapshot
        cache.accumulateAndGet(fresh, (old, neu) -> old == null || neu.revision() >= old.revision() ? neu : old);
        return fresh;
    }

    /** Read from the database now, bypassing the cache (for writes: inside their transaction, after the bump). */
    UserTargetSnapshot freshSnapshot() {
        return new UserTargetSnapshot(repository.revision(), builtIns, repository.current());
    }
}

package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.sigma.kql.target.TargetDefinitionLoader;
import io.detectionhub.translate.TargetChanged;
import io.detectionhub.translate.UnknownTargetException;
import io.detectionhub.web.RequestText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every write to user-defined targets goes through here: create, replace, delete, each adding a version row with who
 * and why. Definitions are checked by the kql {@link TargetDefinitionLoader}, with built-ins and stored user targets
 * as possible bases; a change that would break a target extending this one is refused too. Each write publishes a
 * {@link TargetChanged} in its transaction.
 */
@Service
public class CustomTargetService {

    private final CustomTargetRepository repository;
    private final TargetResolver resolver;
    private final ApplicationEventPublisher events;

    CustomTargetService(CustomTargetRepository repository, TargetResolver resolver, ApplicationEventPublisher events) {
        this.repository = repository;
        this.resolver = resolver;
        this.events = events;
    }

    /**
     * Checks a definition without saving it, as if it replaced the stored target of the same name.
     *
     * @throws TargetDefinitionException listing every problem
     * @throws TargetConflictException   when the name is a built-in's
     */
    public Target validate(String definition) {
        return check(definition, resolver.snapshot(), null);
    }

    /** Stores a new target; 409 when the name is taken (by a built-in or a user target). */
    @Transactional
    public StoredTarget create(String definition, Editor editor) {
        repository.bumpRevision();
        Target target = check(definition, resolver.freshSnapshot(), null);
        Optional<TargetVersion> latest = repository.latest(target.name());
        if (latest.isPresent() && !latest.get().deleted()) {
            throw new TargetConflictException("a target named '" + target.name() + "' exists; replace it with PUT");
        }
        int version = latest.map(v -> v.version() + 1).orElse(1);
        return save(target, definition, version, TargetVersion.Action.CREATED, editor);
    }

    /**
     * Replaces a stored target. {@code expectedVersion} (from {@code If-Match} or the editor), when given, must be the
     * current one; null replaces whatever version is stored. The definition must keep the name.
     *
     * @throws TargetVersionMismatchException when the target is at another version
     */
    @Transactional
    public StoredTarget replace(String name, String definition, Editor editor, Long expectedVersion) {
        refuseReserved(name);
        repository.bumpRevision();
        TargetVersion current = currentOrThrow(name);
        checkVersion(current, expectedVersion);
        Target target = check(definition, resolver.freshSnapshot(), name);
        return save(target, definition, current.version() + 1, TargetVersion.Action.REPLACED, editor);
    }

    /**
     * Deletes a stored target (its history stays); refused while another target extends it. {@code expectedVersion},
     * when given, must be the current one; null deletes whatever version is stored.
     */
    @Transactional
    public TargetVersion delete(String name, Editor editor, Long expectedVersion) {
        refuseReserved(name);
        repository.bumpRevision();
        TargetVersion current = currentOrThrow(name);
        checkVersion(current, expectedVersion);
        List<String> dependents = resolver.freshSnapshot().dependentsOf(name);
        if (!dependents.isEmpty()) {
            throw new TargetConflictException("the target '" + name + "' is the base of " + String.join(", ", dependents)
                    + "; change or delete those first");
        }
        TargetVersion deletion = new TargetVersion(name, current.version() + 1, TargetVersion.Action.DELETED, null,
                null, editor.name(), editor.comment(), CustomTargetRepository.now());
        insert(deletion);
        events.publishEvent(new TargetChanged(TargetChanged.Change.DELETED, name, deletion.version(),
                editor.comment()));
        return deletion;
    }

    public Optional<StoredTarget> find(String name) {
        UserTargetSnapshot snapshot = resolver.snapshot();
        TargetVersion current = snapshot.versions().get(name);
        if (current == null) {
            return Optional.empty();
        }
        UserTargetSnapshot.Result result = snapshot.find(name).orElseThrow();
        return Optional.of(new StoredTarget(current, result.target()));
    }

    /** The problems of a stored target that no longer loads (empty when it loads or does not exist). */
    public List<String> problems(String name) {
        return resolver.snapshot().find(name).map(UserTargetSnapshot.Result::problems).orElse(List.of());
    }

    /** Every current user target (those that no longer load have a null target). */
    public List<StoredTarget> list() {
        UserTargetSnapshot snapshot = resolver.snapshot();
        List<StoredTarget> result = new ArrayList<>();
        for (TargetVersion v : snapshot.versions().values()) {
            result.add(new StoredTarget(v, snapshot.find(v.name()).map(UserTargetSnapshot.Result::target).orElse(null)));
        }
        return result;
    }

    /** Every version of a name, newest first (including deletions); empty when the name was never stored. */
    public List<TargetVersion> history(String name) {
        return repository.versions(name);
    }

    public Optional<TargetVersion> version(String name, int version) {
        return repository.version(name, version);
    }

    /**
     * Loads a definition for a preview: like {@link #validate} but any name is accepted (an unchanged copy of a
     * built-in previews before it is renamed).
     */
    public Target loadForPreview(String definition) {
        UserTargetSnapshot snapshot = resolver.snapshot();
        return new TargetDefinitionLoader(base -> resolver.builtIns().find(base)
                .or(() -> snapshot.find(base).filter(UserTargetSnapshot.Result::ok).map(UserTargetSnapshot.Result::target)))
                .load(definition);
    }

    private Target check(String definition, UserTargetSnapshot snapshot, String expectedName) {
        // a first pass with built-ins and stored targets as bases gives the name and the loader's own problems
        Target parsed = new TargetDefinitionLoader(base -> resolver.builtIns().find(base)
                .or(() -> snapshot.find(base).filter(UserTargetSnapshot.Result::ok).map(UserTargetSnapshot.Result::target)))
                .load(definition);
        String name = parsed.name();
        if (resolver.isReserved(name)) {
            throw new TargetConflictException("'" + name + "' is the name of a built-in target; copy it under another name");
        }
        if (expectedName != null && !expectedName.equals(name)) {
            throw new TargetDefinitionException(List.of("name: the definition is named '" + name
                    + "' but replaces '" + expectedName + "' (create a new target to rename)"));
        }
        // then as part of the stored set: finds loops of bases and targets extending this one that would break
        UserTargetSnapshot changed = snapshot.with(new TargetVersion(name, 0, TargetVersion.Action.REPLACED,
                definition, parsed.base(), Editor.ANONYMOUS, null, CustomTargetRepository.now()));
        UserTargetSnapshot.Result own = changed.find(name).orElseThrow();
        if (!own.ok()) {
            throw new TargetDefinitionException(own.problems());
        }
        List<String> broken = new ArrayList<>();
        for (String dependent : changed.dependentsOf(name)) {
            changed.find(dependent).filter(r -> !r.ok()).ifPresent(r -> r.problems().forEach(
                    p -> broken.add("the target '" + dependent + "', which extends this one, would not load: " + p)));
        }
        if (!broken.isEmpty()) {
            throw new TargetDefinitionException(broken);
        }
        return own.target();
    }

    private StoredTarget save(Target target, String definition, int version, TargetVersion.Action action, Editor editor) {
        TargetVersion row = new TargetVersion(target.name(), version, action, definition, target.base(),
                editor.name(), editor.comment(), CustomTargetRepository.now());
        insert(row);
        events.publishEvent(new TargetChanged(action == TargetVersion.Action.CREATED ? TargetChanged.Change.CREATED
                : TargetChanged.Change.REPLACED, row.name(), version, editor.comment()));
        return new StoredTarget(row, target);
    }

    private void insert(TargetVersion row) {
        try {
            repository.insert(row);
        } catch (DuplicateKeyException e) {
            // the revision bump serialises writers, so this is only reached by a database without row locks
            throw new TargetConflictException("the target '" + row.name() + "' was changed meanwhile; try again");
        }
    }

    private TargetVersion currentOrThrow(String name) {
        return repository.latest(name).filter(v -> !v.deleted())
                .orElseThrow(() -> new UnknownTargetException(name, "no user-defined target named '"
                        + RequestText.printable(name) + "'"));
    }

    private static void checkVersion(TargetVersion current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new TargetVersionMismatchException(expectedVersion, current);
        }
    }

    private void refuseReserved(String name) {
        if (resolver.isReserved(name)) {
            throw new TargetConflictException("'" + name + "' is a built-in target and cannot be changed; "
                    + "copy its definition (GET /api/targets/" + name + "?format=yaml) under another name");
        }
    }
}

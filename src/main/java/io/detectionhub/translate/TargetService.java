package io.detectionhub.translate;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.translate.custom.CustomTargetService;
import io.detectionhub.translate.custom.TargetResolver;
import io.detectionhub.web.BadRequestException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The KQL targets the application offers: the built-in ones, and the generic {@code custom} target (every logsource
 * to the one table named by {@code table}, fields passed through), and users' stored targets (through
 * {@link TargetResolver}, which reads them from the database).
 */
@Service
public class TargetService {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");

    private final TargetRegistry registry = TargetRegistry.builtIn();
    private final TargetResolver userTargets;
    private final CustomTargetService customTargets;

    public TargetService(TargetResolver userTargets, CustomTargetService customTargets) {
        this.userTargets = userTargets;
        this.customTargets = customTargets;
    }

    /** The target by name; {@code table} is required by (and only used for) the custom target. */
    public Target resolve(String name, String table) {
        String targetName = name == null || name.isBlank() ? TargetRegistry.DEFAULT_TARGET : name.trim();
        if (Target.CUSTOM.equals(targetName)) {
            if (table == null || !TABLE.matcher(table).matches()) {
                throw new BadRequestException("target=custom needs table=<name> (letters, digits and '_', starting "
                        + "with a letter or '_')");
            }
            return Target.custom(table);
        }
        Optional<Target> builtIn = registry.find(targetName);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        if (customTargets.find(targetName).isPresent()) {
            // a stored target that no longer loads raises BrokenTargetException (422) naming its problems
            return userTargets.resolve(targetName, table);
        }
        throw UnknownTargetException.among(targetName, names());
    }

    public Optional<Target> find(String name) {
        return registry.find(name).or(() -> userTargets.find(name));
    }

    /** The YAML definition of a built-in or stored target, for users to copy. */
    public Optional<String> definition(String name) {
        return registry.definition(name).or(() -> customTargets.find(name).map(t -> t.current().definition()));
    }

    /** The built-in targets, then the stored user targets that load. */
    public List<Target> all() {
        return userTargets.all();
    }

    /**
     * The change counter of user targets (one small query): caches of anything compiled from a user target (e.g.
     * evaluation engines by schema) key on it, so every instance sees a change on its next request.
     */
    public long userTargetsRevision() {
        return userTargets.userTargetsRevision();
    }

    /** The names of the stored user targets that load, so a page can offer to translate with them. */
    public List<String> userTargetNames() {
        return customTargets.list().stream().filter(t -> t.target() != null).map(t -> t.current().name()).toList();
    }

    public List<Target> builtIn() {
        return registry.all();
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(TargetRegistry.BUILT_IN_NAMES);
        names.add(Target.CUSTOM);
        customTargets.list().forEach(t -> names.add(t.current().name()));
        return names;
    }
}

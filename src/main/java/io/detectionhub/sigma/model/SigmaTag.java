package io.detectionhub.sigma.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A tag as {@code namespace.name}, e.g. {@code attack.t1059.004} or {@code attack.execution}.
 * Names are lower-cased; ATT&amp;CK technique ids are available upper-cased via {@link #attackTechniqueId()}.
 */
public record SigmaTag(String namespace, String name) {

    public static Optional<SigmaTag> parse(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String trimmed = tag.trim();
        int dot = trimmed.indexOf('.');
        if (dot <= 0 || dot == trimmed.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new SigmaTag(trimmed.substring(0, dot).toLowerCase(Locale.ROOT),
                trimmed.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    public boolean isAttack() {
        return namespace.equals("attack");
    }

    /** {@code T1059.004} for {@code attack.t1059.004}; empty for tactics, groups (g0001) and software (s0001). */
    public Optional<String> attackTechniqueId() {
        if (isAttack() && name.matches("t\\d{4}(\\.\\d{3})?")) {
            return Optional.of(name.toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** The tactic short name ({@code execution}, {@code stealth}) for a tactic tag, else empty. */
    public Optional<String> attackTactic() {
        if (isAttack() && !name.matches("[tgs]\\d{4}(\\.\\d{3})?") && name.matches("[a-z][a-z-_]*")) {
            return Optional.of(name.replace('_', '-'));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return namespace + "." + name;
    }
}

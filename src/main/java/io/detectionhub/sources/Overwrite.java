package io.detectionhub.sources;

import java.util.Set;
import java.util.function.Predicate;

/** Which rules an import may overwrite although they were edited here since their last import: none, some, all. */
public record Overwrite(boolean all, Set<String> ids) implements Predicate<String> {

    public static final Overwrite NONE = new Overwrite(false, Set.of());

    public Overwrite {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** From a request parameter: absent or empty for none, {@code all}, or rule ids separated by commas. */
    public static Overwrite parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (value.strip().equalsIgnoreCase("all")) {
            return new Overwrite(true, Set.of());
        }
        return new Overwrite(false, Set.of(value.strip().split("\\s*,\\s*")));
    }

    @Override
    public boolean test(String id) {
        return all || ids.contains(id);
    }
}

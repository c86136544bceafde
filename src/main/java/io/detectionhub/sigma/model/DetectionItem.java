package io.detectionhub.sigma.model;

import java.util.List;

/**
 * One {@code Field|mod1|mod2: values} entry. {@code field} is null for keyword (field-less) searches.
 * The values are OR-ed, or AND-ed when {@link Modifier#ALL} is present. An empty value list never occurs
 * (the parser turns {@code Field: []} into a validation error).
 */
public record DetectionItem(String field, List<Modifier> modifiers, List<SigmaValue> values) {

    public DetectionItem {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    public boolean isKeyword() {
        return field == null;
    }

    public boolean has(Modifier modifier) {
        return modifiers.contains(modifier);
    }

    public boolean matchesAllValues() {
        return has(Modifier.ALL);
    }

    /** The key as written in the rule, e.g. {@code CommandLine|contains|all}. */
    public String key() {
        StringBuilder sb = new StringBuilder(field == null ? "" : field);
        for (Modifier m : modifiers) {
            sb.append('|').append(m.keyword());
        }
        return sb.toString();
    }
}

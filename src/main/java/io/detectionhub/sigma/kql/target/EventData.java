package io.detectionhub.sigma.kql.target;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dynamic (or JSON text) column holding a record's own fields by name (WindowsEvent's EventData, the raw cloud
 * record in Defender's RawEventData): a Sigma field without a mapping or a column of its own is read from it, a
 * dotted field ({@code userIdentity.type}) as a path inside it. {@code members}, when not empty, are the only
 * top-level names the record has (a documented record format): other fields are refused instead of read as members
 * that never exist.
 */
public record EventData(String column, Set<String> members) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}(\\.[A-Za-z][A-Za-z0-9_]{0,127}){0,7}");

    public EventData {
        members = members == null ? Set.of() : Set.copyOf(members);
    }

    /** True when the Sigma field can be read from this column. */
    public boolean holds(String sigmaField) {
        if (!NAME.matcher(sigmaField).matches()) {
            return false;
        }
        int dot = sigmaField.indexOf('.');
        return members.isEmpty() || members.contains(dot < 0 ? sigmaField : sigmaField.substring(0, dot));
    }
}

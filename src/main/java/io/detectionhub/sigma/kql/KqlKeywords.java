package io.detectionhub.sigma.kql;

import java.util.Set;

/** KQL words that cannot be used as bare column names. */
final class KqlKeywords {

    private static final Set<String> RESERVED = Set.of("and", "or", "not", "by", "on", "in", "as", "let", "set",
            "true", "false", "null", "where", "project", "extend", "summarize", "contains", "has", "between",
            "matches", "regex", "startswith", "endswith", "with", "of", "to", "from", "kind", "typeof", "dynamic",
            "datetime", "timespan", "string", "int", "long", "real", "bool", "guid", "decimal", "range", "print",
            "union", "join", "search", "find", "count", "take", "limit", "sort", "order", "top", "distinct",
            "evaluate", "invoke", "render", "parse", "mv-expand", "asc", "desc", "nulls", "first", "last",
            "database", "cluster", "materialize", "toscalar", "declare", "pattern", "restrict", "access", "alias",
            "title", "type", "hint");

    private KqlKeywords() {
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }
}

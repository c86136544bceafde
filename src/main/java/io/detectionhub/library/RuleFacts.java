package io.detectionhub.library;

import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The searchable columns derived from a parsed Sigma document (the YAML stays the source of truth). */
record RuleFacts(RuleKind kind, String name, String title, String description, String status, String level,
                 int levelRank, LogSource logsource, String author, LocalDate date, LocalDate modified,
                 List<String> tags, String searchText) {

    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    /**
     * The facts of a stored text: those of its primary document, with the tags and search text of all its documents
     * and, for a correlation, the logsource of the first rule it holds.
     */
    static RuleFacts of(SigmaCollection collection, SigmaDocument primary) {
        RuleMetadata m = primary.metadata();
        LogSource logsource = logsourceOf(primary);
        if (LogSource.EMPTY.equals(logsource) && !collection.rules().isEmpty()) {
            logsource = logsourceOf(collection.rules().get(0));
        }
        Set<String> tags = new LinkedHashSet<>(m.tags());
        StringBuilder search = new StringBuilder(searchText(primary, logsourceOf(primary)));
        for (SigmaDocument other : collection.documents()) {
            if (other != primary) {
                tags.addAll(other.metadata().tags());
                search.append('\n').append(searchText(other, logsourceOf(other)));
            }
        }
        String level = lower(m.level());
        return new RuleFacts(RuleKind.of(primary), m.name(), m.title() == null ? "" : m.title(), m.description(),
                lower(m.status()), level, levelRank(level), logsource, m.author(), date(m.date()), date(m.modified()),
                List.copyOf(tags), search.toString());
    }

    /** informational 1 ... critical 5, unknown or absent 0: the order of a sort by level. */
    static int levelRank(String level) {
        return level == null ? 0 : LEVELS.indexOf(level) + 1;
    }

    static List<String> levels() {
        return LEVELS;
    }

    private static LogSource logsourceOf(SigmaDocument document) {
        if (document instanceof SigmaRule rule) {
            return rule.logsource() == null ? LogSource.EMPTY : rule.logsource();
        }
        if (document instanceof SigmaFilter filter) {
            return filter.logsource() == null ? LogSource.EMPTY : filter.logsource();
        }
        return LogSource.EMPTY;
    }

    /** Sigma dates are YYYY-MM-DD or YYYY/MM/DD; anything else is kept in the YAML only. */
    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim().replace('/', '-'));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Lower-cased text searched by {@code q}: id, name, title, description, author, tags, logsource, and the field
     * names and values of the detection (or the referenced rules and group-by fields of a correlation).
     */
    private static String searchText(SigmaDocument document, LogSource logsource) {
        RuleMetadata m = document.metadata();
        StringBuilder sb = new StringBuilder();
        append(sb, m.id());
        append(sb, m.name());
        append(sb, m.title());
        append(sb, m.description());
        append(sb, m.author());
        m.tags().forEach(t -> append(sb, t));
        append(sb, logsource.product());
        append(sb, logsource.category());
        append(sb, logsource.service());
        if (document instanceof SigmaRule rule) {
            appendDetection(sb, rule.detection());
        } else if (document instanceof SigmaFilter filter) {
            appendDetection(sb, filter.detection());
            filter.rules().forEach(r -> append(sb, r));
        } else if (document instanceof SigmaCorrelation correlation) {
            correlation.rules().forEach(r -> append(sb, r));
            correlation.groupBy().forEach(g -> append(sb, g));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static void appendDetection(StringBuilder sb, Detection detection) {
        if (detection == null) {
            return;
        }
        for (SearchIdentifier identifier : detection.identifiers().values()) {
            for (DetectionMap map : identifier.maps()) {
                for (DetectionItem item : map.items()) {
                    append(sb, item.field());
                    for (SigmaValue value : item.values()) {
                        append(sb, value instanceof SigmaString s ? s.original() : value.asText());
                    }
                }
            }
        }
    }

    private static void append(StringBuilder sb, String text) {
        if (text != null && !text.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(text.strip());
        }
    }
}

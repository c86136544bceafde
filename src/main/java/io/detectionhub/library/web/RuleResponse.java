package io.detectionhub.library.web;

import io.detectionhub.library.RuleKind;
import io.detectionhub.library.RuleProvenance;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;

import java.time.Instant;
import java.util.List;

/**
 * A rule as {@code GET /api/rules/{id}} returns it: the stored YAML byte for byte, what it says, its enrichment, and
 * where it was imported from ({@code provenance}: source, revision, path, retrieved-at, licence; null when written
 * here).
 */
public record RuleResponse(String id, RuleKind kind, String yaml, Metadata metadata, Logsource logsource,
                           Correlation correlation, List<String> filterRules, Enrichment enrichment,
                           Instant createdAt, Instant updatedAt, long version, RuleProvenance provenance) {

    public record Metadata(String title, String name, String status, String description, String license,
                           List<String> references, String author, String date, String modified, List<String> tags,
                           String level, List<String> falsepositives, List<String> fields, List<Related> related) {
    }

    public record Related(String id, String type) {
    }

    public record Logsource(String category, String product, String service, String definition) {
    }

    public record Correlation(String type, List<String> rules, List<String> groupBy, String timespan,
                              List<Bound> condition, String conditionField, boolean generate) {
    }

    public record Bound(String comparison, long value) {
    }

    static RuleResponse of(StoredRule rule) {
        SigmaDocument document = rule.document();
        RuleMetadata m = document.metadata();
        Metadata metadata = new Metadata(m.title(), m.name(), m.status(), m.description(), m.license(),
                m.references(), m.author(), m.date(), m.modified(), m.tags(), m.level(), m.falsepositives(),
                m.fields(), m.related().stream().map(r -> new Related(r.id(), r.type())).toList());
        Logsource logsource = null;
        Correlation correlation = null;
        List<String> filterRules = null;
        if (document instanceof SigmaRule r) {
            logsource = logsource(r.logsource());
        } else if (document instanceof SigmaFilter f) {
            logsource = logsource(f.logsource());
            filterRules = f.rules();
        } else if (document instanceof SigmaCorrelation c) {
            correlation = new Correlation(c.type().keyword(), c.rules(), c.groupBy(), c.timespanText(),
                    c.condition() == null ? List.of() : c.condition().bounds().stream()
                            .map(b -> new Bound(b.comparison().keyword(), b.value())).toList(),
                    c.condition() == null ? null : c.condition().field(), c.generate());
        }
        return new RuleResponse(rule.id(), rule.kind(), rule.yaml(), metadata, logsource, correlation, filterRules,
                rule.enrichment(), rule.createdAt(), rule.updatedAt(), rule.version(), rule.provenance());
    }

    private static Logsource logsource(LogSource s) {
        return s == null ? new Logsource(null, null, null, null)
                : new Logsource(s.category(), s.product(), s.service(), s.definition());
    }
}

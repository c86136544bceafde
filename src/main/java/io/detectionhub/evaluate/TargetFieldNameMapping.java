package io.detectionhub.evaluate;

import java.util.List;

import io.detectionhub.sigma.evaluation.FieldNameMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.LogSource;

/**
 * Reads events exported from a KQL target (Sentinel ASIM, Defender XDR, Azure Monitor) through the target's own field
 * mapping: the table the translator picks for a rule's logsource, and the columns it maps the Sigma field to. One
 * mapping table serves translation and evaluation.
 */
public record TargetFieldNameMapping(Target target) implements FieldNameMapping {

    @Override
    public List<String> eventFieldsFor(LogSource logsource, String sigmaField) {
        return target.tableFor(logsource == null ? LogSource.EMPTY : logsource)
                .map(choice -> choice.table().columnsFor(sigmaField))
                .orElse(List.of());
    }
}

package io.detectionhub.evaluate;

import java.util.List;

import io.detectionhub.sigma.evaluation.FieldNameMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.UnmappedFieldPolicy;
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
                .map(choice -> {
                    List<String> columns = choice.table().columnsFor(sigmaField);
                    // a target that passes unmapped fields through (e.g. custom tables) reads them under their own name
                    boolean passedThrough = columns.isEmpty() && choice.table().resolve(sigmaField).isEmpty()
                            && target.unmappedFields() == UnmappedFieldPolicy.PASSTHROUGH;
                    return passedThrough ? List.of(sigmaField) : columns;
                })
                .orElse(List.of());
    }
}

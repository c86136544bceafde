package io.detectionhub.sigma.evaluation;

import java.util.List;

import io.detectionhub.sigma.model.LogSource;

/**
 * Where a rule's Sigma field is found in events of another schema (e.g. events exported from Sentinel or Defender):
 * the event column names to look under, in order. The KQL translation's field mapping tables implement this, so one
 * table serves both directions.
 */
@FunctionalInterface
public interface FieldNameMapping {

    /** Events use Sigma's own field names. */
    FieldNameMapping IDENTITY = (logsource, field) -> List.of(field);

    /** The event field names for a Sigma field of a rule with this logsource; empty means "not mapped". */
    List<String> eventFieldsFor(LogSource logsource, String sigmaField);
}

package io.detectionhub.sigma.evaluation;

import java.util.List;

/**
 * Why a rule did not fire on one event ({@code eventIndex} counts from 0 in upload order). Either the event was
 * routed away before any comparison ({@code routedAway} says why: its channel, provider, EventID or the upload's
 * hint give it a logsource the rule does not have), or the rule saw it and its condition was false: {@code blame}
 * names the parts of the condition that made the whole false, and {@code searches} shows, per search identifier of
 * the rule and of its filters, which items held and which failed, with the event's values next to the patterns.
 */
public record MissExplanation(String ruleId, String ruleTitle, long eventIndex, String routedAway,
                              List<String> blame, List<Search> searches) {

    public MissExplanation {
        blame = List.copyOf(blame);
        searches = List.copyOf(searches);
    }

    /** True when the event never reached the rule's detection. */
    public boolean routed() {
        return routedAway != null;
    }

    /**
     * One search identifier ({@code filter} names the filter document it belongs to, null for the rule's own),
     * whether it was true, and its maps (a list of maps is their OR; a map is the AND of its items).
     */
    public record Search(String name, String filter, boolean matched, List<MapOutcome> maps) {
        public Search {
            maps = List.copyOf(maps);
        }
    }

    /** One map of a search identifier: whether all its items held, and each item. */
    public record MapOutcome(boolean holds, List<Item> items) {
        public MapOutcome {
            items = List.copyOf(items);
        }
    }

    /**
     * One {@code field|modifiers: values} item: whether it held; the event's values of the field (empty when it is
     * absent; at most a few for a keyword item); the rule's patterns; which patterns matched a value; and for a
     * failed item with several patterns, the pattern closest to an event value and that value. {@code reason} says
     * it in a sentence.
     */
    public record Item(String field, List<String> modifiers, boolean holds, boolean fieldPresent,
                       List<String> eventValues, List<String> patterns, List<String> matchedPatterns,
                       String closestPattern, String closestValue, String reason) {
        public Item {
            modifiers = List.copyOf(modifiers);
            eventValues = eventValues.stream().map(v -> v == null ? "null" : v).toList();
            patterns = List.copyOf(patterns);
            matchedPatterns = List.copyOf(matchedPatterns);
        }
    }
}

package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.acceleration.GatedDetection;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledDetection;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaRule;

/**
 * A compiled detection rule with the filters that apply to it and the correlations it feeds. Its detection is held
 * twice: as its meaning ({@link CompiledDetection}) and gated by the probe search ({@link GatedDetection}), which
 * gives the same answers faster when the probe search has run on the event.
 */
final class CompiledRule {

    /** A detection in both forms. */
    record Detections(CompiledDetection meaning, GatedDetection gated) {
    }

    /**
     * A filter document applied to this rule: its condition is AND-ed to the rule's. {@code id} is the document's
     * id (its name or title when it has none), which a suppressed match names.
     */
    record AppliedFilter(String id, String title, Detections detection) {
    }

    /** {@link #check}: the rule's own detection is false. */
    static final int MISSED = -2;
    /** {@link #check}: the rule's detection and all its filters hold. */
    static final int MATCHED = -1;

    /** A correlation this rule feeds, and the rule's position in the correlation's {@code rules}. */
    record Feed(int correlation, int position) {
    }

    private final SigmaRule rule;
    private final Detections detection;
    private final List<AppliedFilter> filters = new ArrayList<>();
    private final List<Feed> feeds = new ArrayList<>();
    private boolean referenced;
    private boolean referencedByGenerating;

    CompiledRule(SigmaRule rule, Detections detection) {
        this.rule = rule;
        this.detection = detection;
    }

    SigmaRule rule() {
        return rule;
    }

    Detections detection() {
        return detection;
    }

    List<AppliedFilter> filters() {
        return filters;
    }

    LogSource logsource() {
        return rule.logsource() == null ? LogSource.EMPTY : rule.logsource();
    }

    String displayId() {
        return displayId(rule.metadata().id(), rule.metadata().name(), rule.metadata().title());
    }

    static String displayId(String id, String name, String title) {
        return id != null ? id : name != null ? name : title;
    }

    void addFilter(AppliedFilter filter) {
        filters.add(filter);
    }

    void addFeed(Feed feed) {
        feeds.add(feed);
    }

    List<Feed> feeds() {
        return feeds;
    }

    /**
     * A rule no correlation refers to is reported on its own; a referenced rule only when some correlation that
     * refers to it says {@code generate: true}.
     */
    boolean reported() {
        return !referenced || referencedByGenerating;
    }

    void referencedBy(boolean generating) {
        referenced = true;
        referencedByGenerating |= generating;
    }

    /** See {@link GatedDetection#necessaryClauses()}: the rule's own detection, not its filters. */
    List<int[]> necessaryClauses() {
        return detection.gated().necessaryClauses();
    }

    /** With {@code hits} (the probe search of this event), the gated detections; without, the meaning alone. */
    boolean matches(Event event, ProbeHits hits) {
        return check(event, hits) == MATCHED;
    }

    /**
     * {@link #MISSED} when the rule's own detection is false, {@link #MATCHED} when it and every filter hold, else
     * the index of the first filter that is false (the one that suppresses the event). Costs what a plain match
     * does: the filters are only looked at once the detection holds, and stop at the first false one.
     */
    int check(Event event, ProbeHits hits) {
        if (hits == null) {
            return checkMeaning(event);
        }
        if (!detection.gated().matches(event, hits)) {
            return MISSED;
        }
        for (int i = 0; i < filters.size(); i++) {
            if (!filters.get(i).detection().gated().matches(event, hits)) {
                return i;
            }
        }
        return MATCHED;
    }

    private int checkMeaning(Event event) {
        if (!detection.meaning().matches(event)) {
            return MISSED;
        }
        for (int i = 0; i < filters.size(); i++) {
            if (!filters.get(i).detection().meaning().matches(event)) {
                return i;
            }
        }
        return MATCHED;
    }

    /** The suppression of an event the rule's detection matched and filter {@code filter} excluded. */
    SuppressedMatch suppressed(Event event, long eventIndex, ProbeHits hits, int filter) {
        List<String> selections = trueSearches(detection, event, hits);
        RuleMatch own = new RuleMatch(displayId(), rule.metadata().title(), rule.metadata().level(), eventIndex,
                selections, explain(detection, event, selections, hits));
        AppliedFilter f = filters.get(filter);
        return new SuppressedMatch(own.ruleId(), own.ruleTitle(), own.level(), eventIndex, f.id(), f.title(), own);
    }

    /** Which search identifiers were true and which fields matched; {@code hits} as for {@link #matches}. */
    RuleMatch explain(Event event, long eventIndex, ProbeHits hits) {
        List<String> selections = new ArrayList<>(trueSearches(detection, event, hits));
        List<FieldMatch> fields = new ArrayList<>(explain(detection, event, selections, hits));
        for (AppliedFilter f : filters) {
            List<String> filterTrue = trueSearches(f.detection(), event, hits);
            for (String s : filterTrue) {
                selections.add("filter " + f.title() + ": " + s);
            }
            fields.addAll(explain(f.detection(), event, filterTrue, hits));
        }
        return new RuleMatch(displayId(), rule.metadata().title(), rule.metadata().level(), eventIndex, selections,
                fields);
    }

    private static List<String> trueSearches(Detections d, Event event, ProbeHits hits) {
        return hits == null ? d.meaning().trueSearches(event) : d.gated().trueSearches(event, hits);
    }

    private static List<FieldMatch> explain(Detections d, Event event, List<String> trueSearches, ProbeHits hits) {
        return hits == null ? d.meaning().explain(event, trueSearches) : d.gated().explain(event, trueSearches, hits);
    }
}

package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaRule;

/** A compiled detection rule with the filters that apply to it and the correlations it feeds. */
final class CompiledRule {

    /** A filter document applied to this rule: its condition is AND-ed to the rule's. */
    record AppliedFilter(String title, CompiledDetection detection) {
    }

    /** A correlation this rule feeds, and the rule's position in the correlation's {@code rules}. */
    record Feed(int correlation, int position) {
    }

    private final SigmaRule rule;
    private final CompiledDetection detection;
    private final List<AppliedFilter> filters = new ArrayList<>();
    private final List<Feed> feeds = new ArrayList<>();
    private boolean referenced;
    private boolean referencedByGenerating;

    CompiledRule(SigmaRule rule, CompiledDetection detection) {
        this.rule = rule;
        this.detection = detection;
    }

    SigmaRule rule() {
        return rule;
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

    /** Clauses of probe-index units, each with one unit open in an event this rule matches; empty: none known. */
    List<int[]> necessaryClauses() {
        return detection.necessaryClauses();
    }

    boolean matches(Event event, ProbeHits hits) {
        if (!detection.matches(event, hits)) {
            return false;
        }
        for (AppliedFilter f : filters) {
            if (!f.detection().matches(event, hits)) {
                return false;
            }
        }
        return true;
    }

    /** With {@code hits} (may be null), maps the probe search ruled out are known false without reading fields. */
    RuleMatch explain(Event event, long eventIndex, ProbeHits hits) {
        List<String> selections = new ArrayList<>(detection.trueSearches(event, hits));
        List<FieldMatch> fields = new ArrayList<>(detection.explain(event, selections, hits));
        for (AppliedFilter f : filters) {
            List<String> filterTrue = f.detection().trueSearches(event, hits);
            for (String s : filterTrue) {
                selections.add("filter " + f.title() + ": " + s);
            }
            fields.addAll(f.detection().explain(event, filterTrue, hits));
        }
        return new RuleMatch(displayId(), rule.metadata().title(), rule.metadata().level(), eventIndex, selections,
                fields);
    }
}

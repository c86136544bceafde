package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.CompiledDetection;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.match.CompiledSearch;
import io.detectionhub.sigma.evaluation.match.ConditionNode;
import io.detectionhub.sigma.evaluation.match.ValueMatcher;

/**
 * Explains a miss by re-evaluating the pieces of a rule's meaning ({@link CompiledDetection}): each item with
 * {@link CompiledItem#matches}, each of its values with {@link ValueMatcher#match}, each map and search identifier as
 * {@link CompiledSearch} does, and the condition over them. Nothing here decides what a modifier means: an item holds
 * here exactly when it holds in the evaluation; this class only reports which piece gave which answer.
 */
final class MissExplainer {

    /** Event values listed per item at most (a keyword item reads every string value of the event). */
    static final int VALUES_SHOWN = 5;
    /** Characters of an event value shown at most. */
    static final int VALUE_CHARS = 300;

    private MissExplainer() {
    }

    static MissExplanation routedAway(CompiledRule rule, long eventIndex, String reason) {
        return new MissExplanation(rule.displayId(), rule.rule().metadata().title(), eventIndex, reason,
                List.of("the event was routed away: " + reason), List.of());
    }

    static MissExplanation explain(CompiledRule rule, Event event, long eventIndex) {
        List<MissExplanation.Search> searches = new ArrayList<>();
        List<String> blame = new ArrayList<>();
        CompiledDetection meaning = rule.detection().meaning();
        boolean[] truth = explainSearches(meaning, event, null, searches);
        boolean detected = meaning.condition().eval(i -> truth[i]);
        if (!detected) {
            blame(meaning.condition(), true, meaning, truth, null, blame);
        }
        for (CompiledRule.AppliedFilter f : rule.filters()) {
            CompiledDetection fd = f.detection().meaning();
            boolean[] ft = explainSearches(fd, event, f.title(), searches);
            if (!fd.condition().eval(i -> ft[i])) {
                if (detected && blame.isEmpty()) {
                    // the rule's own detection matched: the event is suppressed, and this filter is the one that did
                    // it (the first false one, as the evaluation reports it)
                    blame.add("suppressed by exception " + f.id() + (f.title() == null || f.title().equals(f.id())
                            ? "" : " '" + f.title() + "'") + ": the rule's detection matched, the exception's "
                            + "filter excludes the event");
                }
                blame(fd.condition(), true, fd, ft, f.title(), blame);
            }
        }
        if (blame.isEmpty()) {
            blame.add("the rule's condition and its filters hold for this event");
        }
        return new MissExplanation(rule.displayId(), rule.rule().metadata().title(), eventIndex, null, blame,
                searches);
    }

    private static boolean[] explainSearches(CompiledDetection detection, Event event, String filter,
                                             List<MissExplanation.Search> out) {
        List<CompiledSearch> searches = detection.searches();
        boolean[] truth = new boolean[searches.size()];
        for (int s = 0; s < searches.size(); s++) {
            CompiledSearch search = searches.get(s);
            List<MissExplanation.MapOutcome> maps = new ArrayList<>();
            for (int m = 0; m < search.mapCount(); m++) {
                List<MissExplanation.Item> items = new ArrayList<>();
                for (CompiledItem item : search.map(m)) {
                    items.add(item(item, event));
                }
                maps.add(new MissExplanation.MapOutcome(search.mapMatches(m, event), items));
            }
            truth[s] = search.matches(event);
            out.add(new MissExplanation.Search(search.name(), filter, truth[s], maps));
        }
        return truth;
    }

    /**
     * Which operands made {@code node} differ from {@code wanted}: a false {@code and} blames its false operands,
     * a false {@code or} all of them, a true {@code not x} blames {@code x} for being true.
     */
    private static void blame(ConditionNode node, boolean wanted, CompiledDetection d, boolean[] truth, String filter,
                              List<String> out) {
        if (node instanceof ConditionNode.Ref ref) {
            String name = (filter == null ? "" : "filter '" + filter + "': ") + d.searches().get(ref.search()).name();
            out.add(wanted ? name + " did not match" : name + " matched, and the condition excludes it (not)");
        } else if (node instanceof ConditionNode.Not not) {
            blame(not.operand(), !wanted, d, truth, filter, out);
        } else if (node instanceof ConditionNode.Junction j) {
            for (ConditionNode operand : j.operands()) {
                boolean value = operand.eval(i -> truth[i]);
                // wanted true: a false and by each false operand, a false or by all (all are false);
                // wanted false: a true and by all (all are true), a true or by each true operand
                if (value != wanted) {
                    blame(operand, wanted, d, truth, filter, out);
                }
            }
        }
    }

    static MissExplanation.Item item(CompiledItem item, Event event) {
        List<EventValue> values = item.values(event);
        boolean holds = item.matches(event);
        List<String> patterns = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (ValueMatcher m : item.matchers()) {
            patterns.add(m.pattern());
            if (m.match(event, values) != null) {
                matched.add(m.pattern());
            }
        }
        String field = item.source().field();
        boolean keyword = item.fieldKeys() == null;
        boolean present = !values.isEmpty();
        List<String> shown = values.stream().limit(VALUES_SHOWN).map(v -> v.isNull() ? null : cut(v.text())).toList();
        String closestPattern = null;
        String closestValue = null;
        if (!holds && !item.negated() && present) {
            double best = -1;
            for (ValueMatcher m : item.matchers()) {
                if (matched.contains(m.pattern())) {
                    continue;
                }
                for (EventValue v : values) {
                    double score = similarity(m.pattern(), v.isNull() ? "" : v.text());
                    if (score > best) {
                        best = score;
                        closestPattern = m.pattern();
                        closestValue = v.isNull() ? null : cut(v.text());
                    }
                }
            }
            if (patterns.size() == 1 && values.size() == 1) {
                closestPattern = null;
                closestValue = null;
            }
        }
        List<String> modifiers = item.source().modifiers().stream().map(x -> x.keyword()).toList();
        String reason = reason(item, keyword, field, holds, present, shown, patterns, matched, closestPattern,
                closestValue);
        return new MissExplanation.Item(keyword ? null : field, modifiers, holds, present, shown, patterns, matched,
                closestPattern, closestValue, reason);
    }

    private static String reason(CompiledItem item, boolean keyword, String field, boolean holds, boolean present,
                                 List<String> shown, List<String> patterns, List<String> matched,
                                 String closestPattern, String closestValue) {
        String what = "no string value of the event";
        String values = shown.size() == 1 ? quote(shown.get(0)) : shown.stream().map(MissExplainer::quote).toList()
                .toString();
        if (item.negated()) {
            return holds ? (keyword ? "keywords" : field) + " matches none of " + list(patterns) + " (neq)"
                    : (keyword ? "the event" : field + " = " + values) + " matches " + list(matched)
                    + ", which the item excludes (neq)";
        }
        if (holds) {
            return (keyword ? "a value of the event" : field + " = " + values) + " matches " + list(matched);
        }
        if (!present && !keyword) {
            return field + " is absent from the event (compared with " + list(patterns) + ")";
        }
        if (item.all()) {
            List<String> missing = patterns.stream().filter(p -> !matched.contains(p)).toList();
            return (keyword ? "the event's values" : field + " = " + values) + " match " + list(matched)
                    + " but not " + list(missing) + " (all must match)";
        }
        StringBuilder sb = new StringBuilder(keyword ? what + " matches " : field + " = " + values
                + " matches ").append(patterns.size() == 1 ? quote(patterns.get(0)) : "none of " + patterns.size()
                + " values " + list(patterns));
        if (closestPattern != null) {
            sb.append("; closest: ").append(quote(closestValue)).append(" against ").append(quote(closestPattern));
        }
        return sb.toString();
    }

    private static String list(List<String> patterns) {
        List<String> shown = patterns.stream().limit(10).map(MissExplainer::quote).toList();
        String s = String.join(", ", shown);
        return patterns.size() > 10 ? s + " and " + (patterns.size() - 10) + " more" : s;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    private static String cut(String s) {
        return s == null || s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS) + "…";
    }

    /**
     * How much of a pattern's literal text (wildcards taken out) the value holds, as the longest run they share over
     * the pattern's length, case-insensitive: only to pick which value to show next to which pattern.
     */
    static double similarity(String pattern, String value) {
        if (pattern == null || value == null) {
            return 0;
        }
        String p = pattern.replace("*", "").replace("?", "").toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            return 0;
        }
        if (p.length() > 2000 || v.length() > 20000) {
            return v.contains(p) ? 1 : 0;
        }
        int[] prev = new int[v.length() + 1];
        int[] cur = new int[v.length() + 1];
        int best = 0;
        for (int i = 1; i <= p.length(); i++) {
            for (int j = 1; j <= v.length(); j++) {
                cur[j] = p.charAt(i - 1) == v.charAt(j - 1) ? prev[j - 1] + 1 : 0;
                best = Math.max(best, cur[j]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
            java.util.Arrays.fill(cur, 0);
        }
        return (double) best / p.length() - Math.abs(v.length() - p.length()) * 1e-6;
    }
}

package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;

/**
 * Resolves what each correlation rule refers to (by id or name): another correlation, whose alerts it then counts,
 * or a compiled rule, whose matches it counts ({@link CompiledRule#addFeed}). A correlation that refers to something
 * not given (or not compiled), or to a correlation that cannot be evaluated, is left out with a problem.
 */
final class CorrelationLinker {

    /** What a correlation's positions refer to: a correlation, or null for a rule; and the names it is known by. */
    private record References(List<SigmaCorrelation> correlations, List<List<String>> names) {
    }

    private CorrelationLinker() {
    }

    /** The correlations of {@code documents} that can be evaluated, in document order, linked to their inputs. */
    static List<CompiledCorrelation> link(Collection<? extends SigmaDocument> documents, List<CompiledRule> rules,
                                          List<EvaluationProblem> problems) {
        List<SigmaCorrelation> all = documents.stream().filter(SigmaCorrelation.class::isInstance)
                .map(SigmaCorrelation.class::cast).toList();
        Map<SigmaCorrelation, References> resolved = new LinkedHashMap<>();
        for (SigmaCorrelation c : all) {
            resolve(c, all, rules, problems).ifPresent(r -> resolved.put(c, r));
        }
        boolean dropped = true;
        while (dropped) {
            dropped = resolved.entrySet().removeIf(e -> {
                boolean broken = e.getValue().correlations().stream()
                        .anyMatch(inner -> inner != null && !resolved.containsKey(inner));
                if (broken) {
                    problems.add(EvaluationProblem.of(e.getKey(), "Correlation not evaluated: a correlation it "
                            + "refers to could not be evaluated"));
                }
                return broken;
            });
        }
        List<SigmaCorrelation> kept = List.copyOf(resolved.keySet());
        List<CompiledCorrelation> linked = new ArrayList<>();
        for (SigmaCorrelation c : kept) {
            References refs = resolved.get(c);
            int[] chained = refs.correlations().stream().mapToInt(inner -> inner == null ? -1 : kept.indexOf(inner))
                    .toArray();
            int position = linked.size();
            linked.add(new CompiledCorrelation(c, refs.names(), chained));
            for (int p = 0; p < chained.length; p++) {
                if (chained[p] < 0) {
                    feed(rules, c, position, p);
                }
            }
        }
        return linked;
    }

    /** The references of one correlation; empty (with a problem) when one of them is not there. */
    private static Optional<References> resolve(SigmaCorrelation c, List<SigmaCorrelation> all,
                                                         List<CompiledRule> rules,
                                                         List<EvaluationProblem> problems) {
        List<SigmaCorrelation> correlations = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (String ref : c.rules()) {
            SigmaCorrelation inner = all.stream().filter(x -> x != c && refers(x, ref)).findFirst().orElse(null);
            CompiledRule rule = rules.stream().filter(r -> refers(r.rule(), ref)).findFirst().orElse(null);
            if (inner == null && rule == null) {
                problems.add(EvaluationProblem.of(c, "Correlation not evaluated: it refers to '" + ref
                        + "', which is not among the rules given (or could not be compiled)"));
                return Optional.empty();
            }
            correlations.add(inner);
            names.add(namesOf(inner != null ? inner : rule.rule()));
        }
        return Optional.of(new References(correlations, names));
    }

    /** The first rule the position refers to feeds the correlation. */
    private static void feed(List<CompiledRule> rules, SigmaCorrelation c, int correlation, int position) {
        String ref = c.rules().get(position);
        for (CompiledRule r : rules) {
            if (refers(r.rule(), ref)) {
                r.addFeed(new CompiledRule.Feed(correlation, position));
                r.referencedBy(c.generate());
                return;
            }
        }
    }

    private static boolean refers(SigmaDocument d, String ref) {
        return ref.equals(d.metadata().id()) || ref.equals(d.metadata().name());
    }

    private static List<String> namesOf(SigmaDocument d) {
        List<String> names = new ArrayList<>();
        if (d.metadata().name() != null) {
            names.add(d.metadata().name());
        }
        if (d.metadata().id() != null) {
            names.add(d.metadata().id());
        }
        return names;
    }
}

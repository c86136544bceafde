package io.detectionhub.library;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The relevance judgments of {@code search-relevance.yml} (queries a SOC engineer types, with what answers them,
 * judged by reading the SigmaHQ corpus) and the figures of a ranking measured against them: the share of relevant
 * rules among the first five (out of at most the number of relevant rules the library holds), queries whose first
 * result is relevant, and the rules that must be in the first five that are.
 */
final class SearchRelevance {

    /** A search result as judged: id, title, techniques. */
    record Hit(String id, String title, List<String> techniques) {
    }

    record Judgment(String query, Pattern title, String technique, List<String> ids, List<String> top5) {

        boolean relevant(Hit hit) {
            return title != null && title.matcher(hit.title()).find()
                    || technique != null && hit.techniques().stream()
                    .anyMatch(t -> t.equalsIgnoreCase(technique) || t.toUpperCase(Locale.ROOT).startsWith(technique + "."))
                    || ids.contains(hit.id());
        }
    }

    record Figures(double precisionAt5, int firstRelevant, int mustFound, int mustTotal, int queries,
                   List<String> lines) {

        double firstShare() {
            return (double) firstRelevant / queries;
        }

        double mustShare() {
            return mustTotal == 0 ? 1 : (double) mustFound / mustTotal;
        }

        String summary(String name) {
            return String.format(Locale.ROOT, "%s: precision@5 %.3f, first result relevant %d/%d, must-have rules in"
                    + " the top 5 %d/%d (%.3f)", name, precisionAt5, firstRelevant, queries, mustFound, mustTotal,
                    mustShare());
        }
    }

    private SearchRelevance() {
    }

    @SuppressWarnings("unchecked")
    static List<Judgment> judgments() {
        try (InputStream in = SearchRelevance.class.getResourceAsStream("search-relevance.yml")) {
            List<Map<String, Object>> entries = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Judgment> judgments = new ArrayList<>();
            for (Map<String, Object> e : entries) {
                Map<String, Object> relevant = (Map<String, Object>) e.get("relevant");
                String title = (String) relevant.get("title");
                judgments.add(new Judgment(String.valueOf(e.get("query")),
                        title == null ? null : Pattern.compile(title, Pattern.CASE_INSENSITIVE),
                        (String) relevant.get("technique"), (List<String>) relevant.getOrDefault("ids", List.of()),
                        (List<String>) e.getOrDefault("top5", List.of())));
            }
            return judgments;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measures {@code ranking} (query to its first five hits) against the judgments; {@code library} is every rule,
     * to know how many relevant ones exist.
     */
    static Figures measure(List<Judgment> judgments, List<Hit> library, Function<String, List<Hit>> ranking) {
        double precision = 0;
        int first = 0;
        int must = 0;
        int mustTotal = 0;
        List<String> lines = new ArrayList<>();
        for (Judgment j : judgments) {
            List<Hit> top = ranking.apply(j.query()).stream().limit(5).toList();
            long relevantInLibrary = library.stream().filter(j::relevant).count();
            long relevantInTop = top.stream().filter(j::relevant).count();
            double p = relevantInLibrary == 0 ? 1 : (double) relevantInTop / Math.min(5, relevantInLibrary);
            precision += p;
            boolean firstOk = !top.isEmpty() && j.relevant(top.get(0));
            first += firstOk ? 1 : 0;
            List<String> ids = top.stream().map(Hit::id).toList();
            long found = j.top5().stream().filter(ids::contains).count();
            must += (int) found;
            mustTotal += j.top5().size();
            lines.add(String.format(Locale.ROOT, "  %-45s p@5 %.1f  first %s  must %d/%d  top: %s",
                    j.query().length() > 45 ? j.query().substring(0, 42) + "..." : j.query(), p, firstOk ? "yes" : "NO",
                    found, j.top5().size(), top.stream().map(Hit::title).limit(3).toList()));
        }
        return new Figures(precision / judgments.size(), first, must, mustTotal, judgments.size(), lines);
    }

    /**
     * The order the library had before the full-text index, for comparison: rules holding every word of the query
     * (case-insensitive substring of their text), by title.
     */
    static List<Hit> substringByTitle(List<LibraryRule> library, String q) {
        List<String> words = List.of(q.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        return library.stream()
                .filter(r -> {
                    String text = r.yaml().toLowerCase(Locale.ROOT);
                    return words.stream().allMatch(text::contains);
                })
                .sorted(Comparator.comparing(LibraryRule::title).thenComparing(LibraryRule::id))
                .map(r -> new Hit(r.id(), r.title(), r.techniques())).limit(5).toList();
    }
}

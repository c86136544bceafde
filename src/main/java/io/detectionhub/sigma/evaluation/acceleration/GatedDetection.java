package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledDetection;
import io.detectionhub.sigma.evaluation.match.CompiledSearch;

/**
 * A {@link CompiledDetection} evaluated with the probe search's findings: each map is a unit of the probe index
 * ({@link GatedSearch}), maps known not to match are skipped, items are answered through their shortcuts
 * ({@link AcceleratedItem}). Every answer is the meaning's: {@code matches}, {@code trueSearches} and
 * {@code explain} give what {@link CompiledDetection}'s methods of the same names give.
 */
public final class GatedDetection {

    private final CompiledDetection meaning;
    private final List<CompiledSearch> named;
    private final GatedSearch[] searches;
    private final List<int[]> necessaryClauses;

    /** Registers the detection's gates and units in {@code index}, which must not be built yet. */
    public GatedDetection(CompiledDetection meaning, ProbeIndex index) {
        this.meaning = meaning;
        this.named = meaning.searches();
        this.searches = meaning.searches().stream().map(s -> new GatedSearch(s, index)).toArray(GatedSearch[]::new);
        this.necessaryClauses = NecessaryClauses.of(meaning.condition(), searches, index);
    }

    /**
     * Clauses of probe-index units that must all hold for the detection to be true, each a set of units of which at
     * least one is open in an event it matches; empty when none is known (see {@link NecessaryClauses}).
     */
    public List<int[]> necessaryClauses() {
        return necessaryClauses;
    }

    public boolean matches(Event event, ProbeHits hits) {
        return meaning.condition().eval(new Memo(event, hits, searches));
    }

    /** Names of the search identifiers that are true for the event, in document order. */
    public List<String> trueSearches(Event event, ProbeHits hits) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < searches.length; s++) {
            if (searches[s].matches(event, hits)) {
                out.add(named.get(s).name());
            }
        }
        return out;
    }

    /** The fields of the first matching map of each search in {@code trueSearches}. */
    public List<FieldMatch> explain(Event event, List<String> trueSearches, ProbeHits hits) {
        List<FieldMatch> out = new ArrayList<>();
        for (int s = 0; s < searches.length; s++) {
            if (trueSearches.contains(named.get(s).name())) {
                int map = searches[s].firstMatchingMap(event, hits);
                if (map >= 0) {
                    out.addAll(named.get(s).explainMap(map, event));
                }
            }
        }
        return out;
    }

    /** Evaluates each search identifier at most once per event, as the meaning's condition does. */
    private static final class Memo implements IntPredicate {
        private final Event event;
        private final ProbeHits hits;
        private final GatedSearch[] searches;
        /** 0 unknown, 1 true, 2 false. */
        private final byte[] known;

        Memo(Event event, ProbeHits hits, GatedSearch[] searches) {
            this.event = event;
            this.hits = hits;
            this.searches = searches;
            this.known = new byte[searches.length];
        }

        @Override
        public boolean test(int search) {
            byte k = known[search];
            if (k == 0) {
                k = searches[search].matches(event, hits) ? (byte) 1 : (byte) 2;
                known[search] = k;
            }
            return k == 1;
        }
    }
}

package io.detectionhub.library;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

import java.util.ArrayList;
import java.util.List;

/**
 * Lucene's highlighted passages as {@link RuleHits.Fragment}s (plain text with the matching parts marked), so that
 * pages escape them like any text and the API returns them as data, never as markup.
 */
final class FragmentFormatter extends PassageFormatter {

    private static final int MAX_PASSAGE = 300;

    @Override
    public Object format(Passage[] passages, String content) {
        List<RuleHits.Fragment> fragments = new ArrayList<>();
        for (Passage passage : passages) {
            int start = passage.getStartOffset();
            int end = Math.min(passage.getEndOffset(), start + MAX_PASSAGE);
            int position = start;
            if (!fragments.isEmpty()) {
                fragments.add(new RuleHits.Fragment(" … ", false));
            }
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int matchStart = passage.getMatchStarts()[i];
                int matchEnd = Math.min(passage.getMatchEnds()[i], end);
                if (matchStart < position || matchStart >= end) {
                    continue;
                }
                add(fragments, content.substring(position, matchStart), false);
                add(fragments, content.substring(matchStart, matchEnd), true);
                position = matchEnd;
            }
            add(fragments, content.substring(position, end), false);
            if (end < passage.getEndOffset()) {
                add(fragments, " …", false);
            }
        }
        return fragments;
    }

    private static void add(List<RuleHits.Fragment> fragments, String text, boolean hit) {
        if (!text.isEmpty()) {
            fragments.add(new RuleHits.Fragment(text.replace('\n', ' ').replace('\r', ' '), hit));
        }
    }
}

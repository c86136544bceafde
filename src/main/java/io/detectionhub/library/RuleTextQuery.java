package io.detectionhub.library;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestWord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search words a person types ({@code q}) as a ranked Lucene query over the rule index ({@link RuleTextIndex}).
 * <ul>
 *     <li>A word matches in any field; the best field counts, boosted title &gt; ATT&amp;CK tags, ids and names &gt;
 *     description &gt; detection fields and values &gt; author, logsource, name and id.</li>
 *     <li>Every word found in the library must match (of longer queries, fewer: {@link #wordsToMatch}); a
 *     word found nowhere is looked up in the library's vocabulary and its nearest spelling (up to two edits)
 *     matches instead, as an optional word, and is offered as "did you mean".</li>
 *     <li>{@code "two words"} is a phrase, {@code word*} a prefix, {@code T1059} an ATT&amp;CK technique with its
 *     sub-techniques ({@code T1059.004} that sub-technique only); several words that stand together in a title
 *     rank higher.</li>
 *     <li>Scores are weighed by level and status (deprecated rules sink).</li>
 * </ul>
 */
final class RuleTextQuery {

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"?|(\\S+)");
    private static final Pattern TECHNIQUE = Pattern.compile("(?i)(?:attack\\.)?(t\\d{4}(?:\\.\\d{3})?)");
    /** Fields a word is searched in, with their weights. */
    static final Map<String, Float> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(RuleTextIndex.TITLE, 10f);
        FIELDS.put(RuleTextIndex.ATTACK, 5f);
        FIELDS.put(RuleTextIndex.DESCRIPTION, 3f);
        FIELDS.put(RuleTextIndex.DETECTION, 1.5f);
        FIELDS.put(RuleTextIndex.META, 1f);
    }

    private static final float TIE_BREAKER = 0.1f;
    private static final float TITLE_PHRASE_BOOST = 6f;

    private final Query query;
    private final String didYouMean;

    private RuleTextQuery(Query query, String didYouMean) {
        this.query = query;
        this.didYouMean = didYouMean;
    }

    Query query() {
        return query;
    }

    String didYouMean() {
        return didYouMean;
    }

    /** The query for {@code q} over the library {@code reader} holds (its vocabulary decides what is misspelled). */
    static RuleTextQuery parse(String q, IndexReader reader) {
        try {
            return build(q, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuleTextQuery build(String q, IndexReader reader) throws IOException {
        List<Query> required = new ArrayList<>();
        List<Query> known = new ArrayList<>();
        List<Query> corrected = new ArrayList<>();
        List<String> plainStems = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        boolean correctedAny = false;
        DirectSpellChecker spelling = new DirectSpellChecker();
        spelling.setMinPrefix(0);

        boolean onlyWord = q.trim().split("\\s+").length == 1;
        Matcher m = TOKEN.matcher(q);
        while (m.find()) {
            if (m.group(1) != null) {
                List<String> words = RuleTextAnalysis.terms(RuleTextAnalysis.TEXT, m.group(1));
                if (words.size() > 1) {
                    required.add(phrase(words));
                    typed.add('"' + m.group(1).trim() + '"');
                } else if (words.size() == 1) {
                    known.add(word(words.get(0)));
                    typed.add(m.group(1).trim());
                }
                continue;
            }
            String raw = m.group(2);
            Matcher technique = TECHNIQUE.matcher(raw);
            if (technique.matches()) {
                required.add(technique(technique.group(1).toUpperCase(Locale.ROOT)));
                typed.add(raw);
                continue;
            }
            if (raw.length() > 1 && raw.endsWith("*")) {
                List<String> parts = RuleTextAnalysis.terms(RuleTextAnalysis.WORDS, raw);
                if (!parts.isEmpty()) {
                    for (int i = 0; i < parts.size() - 1; i++) {
                        stemmed(parts.get(i)).ifPresent(s -> known.add(word(s)));
                    }
                    required.add(prefix(parts.get(parts.size() - 1)));
                }
                typed.add(raw);
                continue;
            }
            List<String> words = RuleTextAnalysis.terms(RuleTextAnalysis.WORDS, raw);
            StringBuilder typedWord = new StringBuilder();
            for (String word : words) {
                if (word.length() == 1 && !onlyWord) {
                    continue;
                }
                var stem = stemmed(word);
                if (stem.isEmpty()) {
                    continue;
                }
                if (reader.docFreq(new Term(RuleTextIndex.SPELL, word)) > 0) {
                    known.add(word(stem.get()));
                    plainStems.add(stem.get());
                    append(typedWord, word);
                    continue;
                }
                SuggestWord[] suggestions = word.length() < 4 ? new SuggestWord[0]
                        : spelling.suggestSimilar(new Term(RuleTextIndex.SPELL, word), 1, reader);
                if (suggestions.length > 0) {
                    String better = suggestions[0].string;
                    stemmed(better).ifPresent(s -> {
                        corrected.add(word(s));
                        plainStems.add(s);
                    });
                    append(typedWord, better);
                    correctedAny = true;
                } else {
                    append(typedWord, word);
                }
            }
            typed.add(correctedAny || words.size() > 1 ? typedWord.toString() : raw);
        }

        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Query r : required) {
            all.add(r, BooleanClause.Occur.MUST);
        }
        if (!known.isEmpty()) {
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            known.forEach(k -> words.add(k, BooleanClause.Occur.SHOULD));
            words.setMinimumNumberShouldMatch(wordsToMatch(known.size()));
            all.add(words.build(), BooleanClause.Occur.MUST);
            corrected.forEach(c -> all.add(c, BooleanClause.Occur.SHOULD));
        } else if (!corrected.isEmpty()) {
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            corrected.forEach(c -> words.add(c, BooleanClause.Occur.SHOULD));
            all.add(words.build(), BooleanClause.Occur.MUST);
        } else if (required.isEmpty()) {
            return new RuleTextQuery(new MatchNoDocsQuery("no word of the query is in the library"),
                    null);
        }
        if (plainStems.size() > 1) {
            PhraseQuery.Builder inTitle = new PhraseQuery.Builder().setSlop(3);
            plainStems.forEach(s -> inTitle.add(new Term(RuleTextIndex.TITLE, s)));
            all.add(new BoostQuery(inTitle.build(), TITLE_PHRASE_BOOST), BooleanClause.Occur.SHOULD);
        }
        Query ranked = FunctionScoreQuery.boostByValue(all.build(), DoubleValuesSource.fromDoubleField(RuleTextIndex.RANK));
        return new RuleTextQuery(ranked, correctedAny ? String.join(" ", typed) : null);
    }

    /**
     * How many of {@code n} words a rule must hold: one or two words all; three to five words all but one (a word
     * the rule does not use may still be what the person meant); more, a pasted command line or alert text, two in
     * five and at least four, the rare words ranking highest.
     */
    static int wordsToMatch(int n) {
        if (n <= 2) {
            return n;
        }
        if (n <= 5) {
            return n - 1;
        }
        return Math.max(4, (int) Math.ceil(n * 0.4));
    }

    private static void append(StringBuilder sb, String word) {
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(word);
    }

    private static java.util.Optional<String> stemmed(String word) {
        List<String> stems = RuleTextAnalysis.terms(RuleTextAnalysis.TEXT, word);
        return stems.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stems.get(0));
    }

    /** One (stemmed) word in any field, the best field counting. */
    private static Query word(String stem) {
        List<Query> perField = new ArrayList<>();
        FIELDS.forEach((field, boost) -> perField.add(new BoostQuery(new TermQuery(new Term(field, stem)), boost)));
        return new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    private static Query phrase(List<String> stems) {
        List<Query> perField = new ArrayList<>();
        FIELDS.forEach((field, boost) -> {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            stems.forEach(s -> phrase.add(new Term(field, s)));
            perField.add(new BoostQuery(phrase.build(), boost));
        });
        return new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    private static Query prefix(String start) {
        List<Query> perField = new ArrayList<>();
        FIELDS.forEach((field, boost) -> perField.add(new BoostQuery(new PrefixQuery(new Term(field, start)), boost)));
        return new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }

    /** A technique and, for a technique without sub-technique part, its sub-techniques. */
    private static Query technique(String id) {
        Query exact = new ConstantScoreQuery(new TermQuery(new Term(RuleTextIndex.TECHNIQUE, id)));
        if (id.contains(".")) {
            return new BoostQuery(exact, FIELDS.get(RuleTextIndex.ATTACK));
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(new BoostQuery(exact, FIELDS.get(RuleTextIndex.ATTACK)), BooleanClause.Occur.SHOULD);
        any.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(RuleTextIndex.TECHNIQUE, id + "."))),
                FIELDS.get(RuleTextIndex.ATTACK) * 0.8f), BooleanClause.Occur.SHOULD);
        return any.build();
    }
}

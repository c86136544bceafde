package io.detectionhub.library;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How rule text becomes search terms. Words are runs of letters and digits, so a command line or a path splits into
 * its parts ({@code C:\Windows\certutil.exe -encode} gives {@code c windows certutil exe encode}); they are lower-cased
 * and, for the ranked fields, English stop words are dropped and words stemmed ({@code dumping}, {@code dumps} and
 * {@code dump} are one term). The spelling field keeps the words as written (lower-cased), for "did you mean".
 */
final class RuleTextAnalysis {

    /** Ranked text: words, lower case, no stop words, Porter stems. */
    static final Analyzer TEXT = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = words();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    /** Words as written, lower case: the vocabulary spelling suggestions come from. */
    static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = words();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }
    };

    private RuleTextAnalysis() {
    }

    private static Tokenizer words() {
        return CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
    }

    /** The terms {@code analyzer} makes of {@code text}. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}

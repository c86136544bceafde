package io.detectionhub.library;

import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaTexts;
import io.detectionhub.sigma.parser.SigmaValidationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a (multi-document) Sigma text becomes library entries, so that every document is stored and addressable:
 * each correlation is an entry together with the rules it references that have no id of their own (they exist only
 * for it); every other document (rules with an id, rules no correlation references, filters, correlations) is an
 * entry of its own, its text cut byte for byte from the file. A rule without an id that two correlations reference
 * cannot be stored once for both: the text is refused.
 */
final class RuleTextUnits {

    /** One entry's text and whether it holds a correlation. */
    record Unit(String text, boolean correlation) {
    }

    private RuleTextUnits() {
    }

    static List<Unit> of(String text, SigmaCollection collection) {
        List<SigmaDocument> docs = collection.documents();
        if (docs.size() <= 1) {
            return List.of(new Unit(text, !collection.correlations().isEmpty()));
        }
        int[] owner = new int[docs.size()];
        Arrays.fill(owner, -1);
        for (int c = 0; c < docs.size(); c++) {
            if (!(docs.get(c) instanceof SigmaCorrelation correlation)) {
                continue;
            }
            for (String ref : correlation.rules()) {
                for (int j = 0; j < docs.size(); j++) {
                    SigmaDocument d = docs.get(j);
                    if (j == c || !(ref.equals(d.metadata().id()) || ref.equals(d.metadata().name()))) {
                        continue;
                    }
                    if (!(d instanceof SigmaCorrelation) && blank(d.metadata().id())) {
                        if (owner[j] >= 0 && owner[j] != c) {
                            throw new SigmaValidationException(new SigmaProblem("The rule '" + ref + "' has no id and"
                                    + " two correlations of this text reference it ('" + docs.get(owner[j]).metadata()
                                    .title() + "' and '" + correlation.metadata().title() + "'): give it an id so that"
                                    + " it is stored once, as a rule of its own.", 0, 0, "documents[" + j + "]"));
                        }
                        owner[j] = c;
                    }
                    break;
                }
            }
        }
        List<String> pieces = SigmaTexts.split(text);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (owner[i] >= 0) {
                continue;
            }
            if (docs.get(i) instanceof SigmaCorrelation) {
                StringBuilder unit = new StringBuilder();
                for (int j = 0; j < docs.size(); j++) {
                    if (j == i || owner[j] == i) {
                        unit.append(pieces.get(j));
                    }
                }
                units.add(new Unit(unit.toString(), true));
            } else {
                units.add(new Unit(pieces.get(i), false));
            }
        }
        return units;
    }

    /** The entry that answers for the text: its first correlation's, else the first. */
    static int primary(List<Unit> units) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).correlation()) {
                return i;
            }
        }
        return 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

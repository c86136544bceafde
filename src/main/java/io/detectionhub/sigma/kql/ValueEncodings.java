package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.Modifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The value-expanding modifiers: windash, the utf16 family with base64/base64offset. */
final class ValueEncodings {

    /** The dash variants of the specification's windash modifier. */
    static final String WINDASH_CHARS = "-/\u2013\u2014\u2015";
    /** Above this many variants of one value, windash becomes a character class in a regular expression. */
    private static final int MAX_WINDASH_VARIANTS = 25;
    private static final int[] START_OFFSETS = {0, 2, 3};

    private ValueEncodings() {
    }

    /**
     * Every variant of the pattern with each dash or slash that starts a word (preceded by start or a non-word
     * character, followed by a word character, like pySigma's {@code \B[-/]\b}) replaced by each windash character.
     */
    static List<ValuePattern> windash(ValuePattern pattern) {
        List<ValuePattern.Element> elements = pattern.elements();
        List<int[]> positions = new ArrayList<>(); // {element index, char index}
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof ValuePattern.Literal l) {
                String t = l.text();
                for (int j = 0; j < t.length(); j++) {
                    char c = t.charAt(j);
                    if (c != '-' && c != '/') {
                        continue;
                    }
                    boolean wordBefore = j > 0 && isWordChar(t.charAt(j - 1));
                    boolean wordAfter = j + 1 < t.length() && isWordChar(t.charAt(j + 1));
                    if (!wordBefore && wordAfter) {
                        positions.add(new int[] {i, j});
                    }
                }
            }
        }
        if (positions.isEmpty()) {
            return List.of(pattern);
        }
        double variants = Math.pow(WINDASH_CHARS.length(), positions.size());
        if (variants > MAX_WINDASH_VARIANTS) {
            return List.of(withCharClass(pattern, positions));
        }
        List<ValuePattern> result = new ArrayList<>();
        int[] choice = new int[positions.size()];
        for (int n = 0; n < (int) variants; n++) {
            int rest = n;
            for (int k = positions.size() - 1; k >= 0; k--) {
                choice[k] = rest % WINDASH_CHARS.length();
                rest /= WINDASH_CHARS.length();
            }
            List<ValuePattern.Element> copy = new ArrayList<>(elements);
            for (int k = 0; k < positions.size(); k++) {
                int[] p = positions.get(k);
                ValuePattern.Literal l = (ValuePattern.Literal) copy.get(p[0]);
                char[] chars = l.text().toCharArray();
                chars[p[1]] = WINDASH_CHARS.charAt(choice[k]);
                copy.set(p[0], new ValuePattern.Literal(new String(chars)));
            }
            result.add(new ValuePattern(copy));
        }
        return result;
    }

    private static ValuePattern withCharClass(ValuePattern pattern, List<int[]> positions) {
        List<ValuePattern.Element> out = new ArrayList<>();
        List<ValuePattern.Element> elements = pattern.elements();
        for (int i = 0; i < elements.size(); i++) {
            if (!(elements.get(i) instanceof ValuePattern.Literal l)) {
                out.add(elements.get(i));
                continue;
            }
            int start = 0;
            for (int[] p : positions) {
                if (p[0] == i) {
                    out.add(new ValuePattern.Literal(l.text().substring(start, p[1])));
                    out.add(new ValuePattern.OneOf(WINDASH_CHARS));
                    start = p[1] + 1;
                }
            }
            out.add(new ValuePattern.Literal(l.text().substring(start)));
        }
        return new ValuePattern(out);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** True when the item encodes its values (base64, base64offset, utf16*, wide). */
    static boolean encodes(DetectionItem item) {
        return item.modifiers().stream().anyMatch(Modifier::isEncoding);
    }

    /** The encoded forms of a plain value, as the item's encoding modifiers say (in the order they are written). */
    static List<String> encode(String value, DetectionItem item) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        boolean base64 = false;
        boolean offsets = false;
        for (Modifier m : item.modifiers()) {
            switch (m) {
                case UTF16LE, WIDE -> bytes = value.getBytes(StandardCharsets.UTF_16LE);
                case UTF16BE -> bytes = value.getBytes(StandardCharsets.UTF_16BE);
                case UTF16 -> {
                    byte[] le = value.getBytes(StandardCharsets.UTF_16LE);
                    bytes = new byte[le.length + 2];
                    bytes[0] = (byte) 0xFF;
                    bytes[1] = (byte) 0xFE;
                    System.arraycopy(le, 0, bytes, 2, le.length);
                }
                case BASE64 -> base64 = true;
                case BASE64OFFSET -> offsets = true;
                default -> {
                }
            }
        }
        if (offsets) {
            return base64Offsets(bytes);
        }
        if (base64) {
            return List.of(Base64.getEncoder().encodeToString(bytes));
        }
        throw new UntranslatableRuleException("a utf16/wide value without base64 or base64offset is raw bytes, "
                + "which KQL string operators cannot match");
    }

    /**
     * The three base64 forms of {@code bytes} that occur inside any longer base64 text containing them, as pySigma
     * computes them: prefix 0-2 bytes, encode, drop the characters that depend on the unknown neighbours.
     */
    static List<String> base64Offsets(byte[] bytes) {
        List<String> result = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            Arrays.fill(shifted, 0, i, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int endTrim = switch ((bytes.length + i) % 3) {
                case 0 -> 0;
                case 1 -> 3;
                default -> 2;
            };
            int end = encoded.length() - endTrim;
            int start = START_OFFSETS[i];
            result.add(start < end ? encoded.substring(start, end) : "");
        }
        return result;
    }
}

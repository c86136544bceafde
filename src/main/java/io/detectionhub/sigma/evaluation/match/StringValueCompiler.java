package io.detectionhub.sigma.evaluation.match;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SigmaString;

/**
 * Applies the string modifiers of a detection item, in the order written, to one Sigma string and gives the
 * resulting pattern(s) as code arrays for {@link StringPattern}: {@code expand}, {@code windash}, the utf16 family,
 * {@code base64}, {@code base64offset} (three variants), {@code contains}/{@code startswith}/{@code endswith}.
 * Windash positions stay one pattern position matching any dash; they are only expanded into permutations when an
 * encoding follows, and every expansion is bounded by {@link #MAX_EXPANSIONS}.
 */
public final class StringValueCompiler {

    public static final int MAX_EXPANSIONS = 256;

    private StringValueCompiler() {
    }

    private record Value(int[] codes, boolean bytes) {
    }

    public static List<int[]> compile(SigmaString value, List<Modifier> modifiers, boolean keyword,
                                      Map<String, List<String>> placeholders) {
        List<Value> values = new ArrayList<>();
        for (int[] codes : expandPlaceholders(value, modifiers.contains(Modifier.EXPAND), placeholders)) {
            values.add(new Value(codes, false));
        }
        for (Modifier m : modifiers) {
            values = switch (m) {
                case WINDASH -> map(values, StringValueCompiler::windash);
                case UTF16LE, WIDE -> map(values, v -> encode(v, "UTF-16LE", false));
                case UTF16BE -> map(values, v -> encode(v, "UTF-16BE", false));
                case UTF16 -> map(values, v -> encode(v, "UTF-16LE", true));
                case BASE64 -> flatMap(values, v -> List.of(base64(v)));
                case BASE64OFFSET -> flatMap(values, StringValueCompiler::base64Offsets);
                case CONTAINS -> map(values, v -> wrap(v, true, true));
                case STARTSWITH -> map(values, v -> wrap(v, false, true));
                case ENDSWITH -> map(values, v -> wrap(v, true, false));
                default -> values;
            };
            if (values.size() > MAX_EXPANSIONS) {
                throw new RuleCompilationException("Value '" + value.original() + "' expands to more than "
                        + MAX_EXPANSIONS + " patterns");
            }
        }
        List<int[]> out = new ArrayList<>(values.size());
        for (Value v : values) {
            out.add(keyword ? wrap(v, true, true).codes : v.codes);
        }
        return out;
    }

    private interface Step {
        Value apply(Value v);
    }

    private interface MultiStep {
        List<Value> apply(Value v);
    }

    private static List<Value> map(List<Value> in, Step step) {
        List<Value> out = new ArrayList<>(in.size());
        for (Value v : in) {
            out.add(step.apply(v));
        }
        return out;
    }

    private static List<Value> flatMap(List<Value> in, MultiStep step) {
        List<Value> out = new ArrayList<>();
        for (Value v : in) {
            for (Value d : dashPermutations(v)) {
                out.addAll(step.apply(d));
                if (out.size() > MAX_EXPANSIONS) {
                    throw new RuleCompilationException("Value expands to more than " + MAX_EXPANSIONS + " patterns");
                }
            }
        }
        return out;
    }

    static List<int[]> expandPlaceholders(SigmaString value, boolean expand, Map<String, List<String>> placeholders) {
        List<int[]> results = new ArrayList<>();
        results.add(new int[0]);
        Set<String> unresolved = new LinkedHashSet<>();
        for (SigmaString.Part part : value.parts()) {
            List<int[]> alternatives;
            if (part instanceof SigmaString.Literal l) {
                alternatives = expand ? literalWithPlaceholders(l.text(), placeholders, unresolved)
                        : List.of(l.text().codePoints().toArray());
            } else if (part instanceof SigmaString.AnyChars) {
                alternatives = List.of(new int[] {StringPattern.ANY_SEQUENCE});
            } else if (part instanceof SigmaString.AnyChar) {
                alternatives = List.of(new int[] {StringPattern.ANY_CHAR});
            } else {
                String name = ((SigmaString.Placeholder) part).name();
                List<String> vals = placeholders.get(name);
                if (vals == null || vals.isEmpty()) {
                    unresolved.add(name);
                    continue;
                }
                alternatives = vals.stream().map(StringValueCompiler::parseWildcards).toList();
            }
            List<int[]> next = new ArrayList<>();
            for (int[] prefix : results) {
                for (int[] alt : alternatives) {
                    next.add(concat(prefix, alt));
                    if (next.size() > MAX_EXPANSIONS) {
                        throw new RuleCompilationException("Placeholders of '" + value.original()
                                + "' expand to more than " + MAX_EXPANSIONS + " values");
                    }
                }
            }
            results = next;
        }
        if (!unresolved.isEmpty()) {
            throw new UnresolvedPlaceholderException(unresolved);
        }
        return results;
    }

    /** A literal part may still carry {@code %name%} when the parser left placeholders in the text. */
    private static List<int[]> literalWithPlaceholders(String text, Map<String, List<String>> placeholders,
                                                       Set<String> unresolved) {
        List<int[]> results = new ArrayList<>();
        results.add(new int[0]);
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('%', i);
            int close = open < 0 ? -1 : text.indexOf('%', open + 1);
            if (open < 0 || close < 0 || close == open + 1) {
                results = append(results, List.of(text.substring(i).codePoints().toArray()));
                break;
            }
            results = append(results, List.of(text.substring(i, open).codePoints().toArray()));
            String name = text.substring(open + 1, close);
            List<String> vals = placeholders.get(name);
            if (vals == null || vals.isEmpty()) {
                unresolved.add(name);
            } else {
                results = append(results, vals.stream().map(StringValueCompiler::parseWildcards).toList());
            }
            i = close + 1;
        }
        return results;
    }

    private static List<int[]> append(List<int[]> prefixes, List<int[]> alternatives) {
        List<int[]> next = new ArrayList<>();
        for (int[] p : prefixes) {
            for (int[] a : alternatives) {
                next.add(concat(p, a));
            }
        }
        if (next.size() > MAX_EXPANSIONS) {
            throw new RuleCompilationException("Placeholders expand to more than " + MAX_EXPANSIONS + " values");
        }
        return next;
    }

    /** Placeholder values follow Sigma's value syntax: {@code *}, {@code ?}, and {@code \} escaping them. */
    public static int[] parseWildcards(String s) {
        int[] out = new int[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int w = Character.charCount(c);
            if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
                out[n++] = s.charAt(i + 1);
                i += 2;
                continue;
            }
            out[n++] = c == '*' ? StringPattern.ANY_SEQUENCE : c == '?' ? StringPattern.ANY_CHAR : c;
            i += w;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** pySigma's rule: a {@code -} or {@code /} that starts a word after a non-word character (a flag). */
    private static Value windash(Value v) {
        int[] c = v.codes.clone();
        for (int i = 0; i < c.length; i++) {
            if ((c[i] == '-' || c[i] == '/') && (i == 0 || !isWordChar(c[i - 1]))
                    && i + 1 < c.length && c[i + 1] >= 0 && isWordChar(c[i + 1])) {
                c[i] = StringPattern.DASH;
            }
        }
        return new Value(c, v.bytes);
    }

    private static boolean isWordChar(int c) {
        return c >= 0 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static List<Value> dashPermutations(Value v) {
        List<int[]> out = new ArrayList<>();
        out.add(v.codes.clone());
        for (int i = 0; i < v.codes.length; i++) {
            if (v.codes[i] != StringPattern.DASH) {
                continue;
            }
            List<int[]> next = new ArrayList<>();
            for (int[] codes : out) {
                for (int d : StringPattern.WINDASH_CHARACTERS.codePoints().toArray()) {
                    int[] copy = codes.clone();
                    copy[i] = d;
                    next.add(copy);
                }
            }
            if (next.size() > MAX_EXPANSIONS) {
                throw new RuleCompilationException("windash before an encoding expands to more than "
                        + MAX_EXPANSIONS + " values");
            }
            out = next;
        }
        return out.stream().map(c -> new Value(c, v.bytes)).toList();
    }

    /**
     * The utf16 family: the value's characters as the bytes of their encoding, one pattern code (0-255) per byte;
     * wildcards stay wildcards. Followed by base64 these bytes are encoded; without, the pattern matches text that
     * holds those bytes one character each (as pySigma's {@code wide} does).
     */
    private static Value encode(Value v, String charset, boolean byteOrderMark) {
        List<Value> plain = dashPermutations(v);
        if (plain.size() > 1) {
            throw new RuleCompilationException("windash cannot be combined with a following utf16 encoding");
        }
        int[] codes = plain.get(0).codes;
        List<Integer> out = new ArrayList<>();
        if (byteOrderMark) {
            out.add(0xFF);
            out.add(0xFE);
        }
        StringBuilder run = new StringBuilder();
        for (int c : codes) {
            if (c >= 0) {
                if (v.bytes) {
                    run.append((char) c);
                } else {
                    run.appendCodePoint(c);
                }
            } else {
                flushEncoded(run, charset, out);
                out.add(c);
            }
        }
        flushEncoded(run, charset, out);
        return new Value(out.stream().mapToInt(Integer::intValue).toArray(), true);
    }

    private static void flushEncoded(StringBuilder run, String charset, List<Integer> out) {
        if (run.isEmpty()) {
            return;
        }
        for (byte b : run.toString().getBytes(java.nio.charset.Charset.forName(charset))) {
            out.add(b & 0xFF);
        }
        run.setLength(0);
    }

    private static byte[] bytesOf(Value v) {
        for (int c : v.codes) {
            if (c < 0) {
                throw new RuleCompilationException("Base64 encoding of values with wildcards is not allowed");
            }
        }
        if (v.bytes) {
            byte[] b = new byte[v.codes.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) v.codes[i];
            }
            return b;
        }
        return new String(v.codes, 0, v.codes.length).getBytes(StandardCharsets.UTF_8);
    }

    private static Value base64(Value v) {
        String encoded = Base64.getEncoder().encodeToString(bytesOf(v));
        return new Value(encoded.codePoints().toArray(), false);
    }

    /**
     * The three shifts of a value inside a longer base64 text: the value is encoded after 0, 1 and 2 leading bytes
     * and the characters that depend on the unknown neighbouring bytes are cut off at both ends.
     */
    private static List<Value> base64Offsets(Value v) {
        byte[] data = bytesOf(v);
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<Value> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[data.length + shift];
            java.util.Arrays.fill(shifted, 0, shift, (byte) ' ');
            System.arraycopy(data, 0, shifted, shift, data.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = encoded.length() - endCut[(data.length + shift) % 3];
            int start = startCut[shift];
            String part = end > start ? encoded.substring(start, end) : "";
            out.add(new Value(part.codePoints().toArray(), false));
        }
        return out;
    }

    private static Value wrap(Value v, boolean before, boolean after) {
        int[] c = v.codes;
        boolean addBefore = before && (c.length == 0 || c[0] != StringPattern.ANY_SEQUENCE);
        boolean addAfter = after && (c.length == 0 || c[c.length - 1] != StringPattern.ANY_SEQUENCE);
        if (c.length == 0 && addBefore && addAfter) {
            return new Value(new int[] {StringPattern.ANY_SEQUENCE}, v.bytes);
        }
        int[] out = new int[c.length + (addBefore ? 1 : 0) + (addAfter ? 1 : 0)];
        System.arraycopy(c, 0, out, addBefore ? 1 : 0, c.length);
        if (addBefore) {
            out[0] = StringPattern.ANY_SEQUENCE;
        }
        if (addAfter) {
            out[out.length - 1] = StringPattern.ANY_SEQUENCE;
        }
        return new Value(out, v.bytes);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

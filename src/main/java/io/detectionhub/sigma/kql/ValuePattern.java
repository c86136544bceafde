package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.model.SigmaString;

import java.util.ArrayList;
import java.util.List;

/**
 * A string value to match, as literal text and wildcards (plus character classes, which only windash creates), and
 * how it is best expressed in KQL ({@link #kind()}).
 */
record ValuePattern(List<Element> elements) {

    sealed interface Element permits Literal, AnyChars, AnyChar, OneOf {
    }

    record Literal(String text) implements Element {
    }

    record AnyChars() implements Element {
    }

    record AnyChar() implements Element {
    }

    /** One character out of {@code chars} (windash's dash variants when expanding them all would be too many). */
    record OneOf(String chars) implements Element {
    }

    enum Kind { EQUALS, CONTAINS, STARTSWITH, ENDSWITH, ANY, REGEX }

    ValuePattern {
        elements = normalise(elements);
    }

    static ValuePattern literal(String text) {
        return new ValuePattern(List.of(new Literal(text)));
    }

    static ValuePattern of(SigmaString s) {
        List<Element> elements = new ArrayList<>();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Literal l) {
                elements.add(new Literal(l.text()));
            } else if (p instanceof SigmaString.AnyChars) {
                elements.add(new AnyChars());
            } else if (p instanceof SigmaString.AnyChar) {
                elements.add(new AnyChar());
            } else if (p instanceof SigmaString.Placeholder ph) {
                throw new UntranslatableRuleException("the placeholder '%" + ph.name()
                        + "%' (expand modifier) needs a value list that KQL queries do not have");
            }
        }
        return new ValuePattern(elements);
    }

    private static List<Element> normalise(List<Element> in) {
        List<Element> out = new ArrayList<>();
        for (Element e : in) {
            Element last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (e instanceof Literal l) {
                if (l.text().isEmpty()) {
                    continue;
                }
                if (last instanceof Literal prev) {
                    out.set(out.size() - 1, new Literal(prev.text() + l.text()));
                    continue;
                }
            } else if (e instanceof AnyChars && last instanceof AnyChars) {
                continue;
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    ValuePattern withLeadingWildcard() {
        if (!elements.isEmpty() && elements.get(0) instanceof AnyChars) {
            return this;
        }
        List<Element> e = new ArrayList<>();
        e.add(new AnyChars());
        e.addAll(elements);
        return new ValuePattern(e);
    }

    ValuePattern withTrailingWildcard() {
        if (!elements.isEmpty() && elements.get(elements.size() - 1) instanceof AnyChars) {
            return this;
        }
        List<Element> e = new ArrayList<>(elements);
        e.add(new AnyChars());
        return new ValuePattern(e);
    }

    boolean isPlain() {
        return elements.stream().allMatch(e -> e instanceof Literal);
    }

    /** The literal text (for plain patterns: the exact value). */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Element e : elements) {
            if (e instanceof Literal l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    Kind kind() {
        int n = elements.size();
        if (n == 0) {
            return Kind.EQUALS;
        }
        boolean leading = elements.get(0) instanceof AnyChars;
        boolean trailing = elements.get(n - 1) instanceof AnyChars;
        if (n == 1 && leading) {
            return Kind.ANY;
        }
        int from = leading ? 1 : 0;
        int to = trailing ? n - 1 : n;
        if (to - from != 1 || !(elements.get(from) instanceof Literal)) {
            return Kind.REGEX;
        }
        if (leading && trailing) {
            return Kind.CONTAINS;
        }
        return leading ? Kind.ENDSWITH : trailing ? Kind.STARTSWITH : Kind.EQUALS;
    }

    /** An anchored RE2 pattern matching exactly what this pattern matches. */
    String toRegex(boolean caseSensitive) {
        StringBuilder sb = new StringBuilder(caseSensitive ? "(?s)^" : "(?is)^");
        for (Element e : elements) {
            if (e instanceof Literal l) {
                sb.append(KqlSyntax.regexLiteral(l.text()));
            } else if (e instanceof AnyChars) {
                sb.append(".*");
            } else if (e instanceof AnyChar) {
                sb.append('.');
            } else if (e instanceof OneOf o) {
                sb.append('[');
                for (char c : o.chars().toCharArray()) {
                    sb.append(c == '-' || c == '\\' || c == ']' || c == '^' ? "\\" + c : String.valueOf(c));
                }
                sb.append(']');
            }
        }
        return sb.append('$').toString();
    }

    /** The same pattern with its first literal text (at the start or after a leading wildcard) replaced. */
    ValuePattern mapLeadingLiteral(java.util.function.UnaryOperator<String> atStart,
                                   java.util.function.UnaryOperator<String> afterWildcard) {
        int first = !elements.isEmpty() && elements.get(0) instanceof AnyChars ? 1 : 0;
        if (elements.size() <= first || !(elements.get(first) instanceof Literal l)) {
            return this;
        }
        List<Element> e = new ArrayList<>(elements);
        e.set(first, new Literal((first == 0 ? atStart : afterWildcard).apply(l.text())));
        return new ValuePattern(e);
    }
}

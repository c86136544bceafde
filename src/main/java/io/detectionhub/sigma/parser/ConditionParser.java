package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.detectionhub.sigma.model.Condition;

/**
 * Parses a Sigma condition into a {@link Condition}: {@code not} binds tighter than {@code and}, which binds tighter
 * than {@code or}; both are left-associative and nested same-operator nodes are flattened. Keywords are
 * case-insensitive; identifiers are case-sensitive. {@code 1 of}/{@code any of}/{@code all of} patterns are resolved
 * against the identifier names here.
 */
final class ConditionParser {

    /** Where a problem is in the condition text: character offset and message. */
    record Error(int offset, String message) {
    }

    /** The result: the condition (absent when there are errors) and the errors found. */
    record Result(Optional<Condition> condition, List<Error> errors) {
    }

    private enum Kind { LPAREN, RPAREN, AND, OR, NOT, OF, ONE, ANY, ALL, THEM, WORD, PIPE, END }

    private record Token(Kind kind, String text, int offset) {
    }

    private static final Pattern COUNT = Pattern.compile("\\d+");

    /** Deeper nesting of parentheses and {@code not} is rejected (and keeps the recursion bounded). */
    static final int MAX_DEPTH = 100;
    /** Longer conditions are rejected: real ones have a few hundred characters. */
    static final int MAX_LENGTH = 20_000;
    /** Further unknown identifiers are not reported once this many errors are known. */
    private static final int MAX_ERRORS = 20;

    private final String text;
    private final List<String> identifiers;
    private final Set<String> identifierSet;
    private int depth;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Error> errors = new ArrayList<>();
    private int position;

    private ConditionParser(String text, List<String> identifiers) {
        this.text = text;
        this.identifiers = identifiers;
        this.identifierSet = new HashSet<>(identifiers);
    }

    /** Parses {@code text} against the search identifiers {@code identifiers} (in document order). */
    static Result parse(String text, List<String> identifiers) {
        ConditionParser parser = new ConditionParser(text, identifiers);
        return parser.run();
    }

    private Result run() {
        if (text.length() > MAX_LENGTH) {
            errors.add(new Error(0, "the condition is longer than " + MAX_LENGTH + " characters"));
            return new Result(Optional.empty(), errors);
        }
        tokenize();
        if (tokens.size() == 1) {
            errors.add(new Error(0, "the condition is empty"));
            return new Result(Optional.empty(), errors);
        }
        Token pipe = tokens.stream().filter(t -> t.kind == Kind.PIPE).findFirst().orElse(null);
        if (pipe != null) {
            errors.add(new Error(pipe.offset, "'" + text.substring(pipe.offset).trim() + "' is the deprecated "
                    + "aggregation syntax, which is no longer part of Sigma; express counts with a correlation rule "
                    + "(a separate YAML document with a 'correlation' section)"));
            return new Result(Optional.empty(), errors);
        }
        Condition condition;
        try {
            condition = parseOr();
            if (peek().kind == Kind.RPAREN) {
                throw new SyntaxError(peek().offset, "unbalanced parentheses: ')' without a matching '('");
            }
            if (peek().kind != Kind.END) {
                throw new SyntaxError(peek().offset, "unexpected '" + peek().text + "' after a complete condition "
                        + "(missing 'and' or 'or'?)");
            }
        } catch (SyntaxError e) {
            errors.add(new Error(e.offset, e.getMessage()));
            return new Result(Optional.empty(), errors);
        }
        return new Result(errors.isEmpty() ? Optional.of(condition) : Optional.empty(), errors);
    }

    private void tokenize() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")", i++));
            } else if (c == '|') {
                tokens.add(new Token(Kind.PIPE, "|", i++));
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(keyword(word), word, start));
            }
        }
        tokens.add(new Token(Kind.END, "", text.length()));
    }

    private static Kind keyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "and" -> Kind.AND;
            case "or" -> Kind.OR;
            case "not" -> Kind.NOT;
            case "of" -> Kind.OF;
            case "1" -> Kind.ONE;
            case "any" -> Kind.ANY;
            case "all" -> Kind.ALL;
            case "them" -> Kind.THEM;
            default -> Kind.WORD;
        };
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind != Kind.END) {
            position++;
        }
        return token;
    }

    private Condition parseOr() {
        List<Condition> operands = new ArrayList<>();
        add(operands, parseAnd(), true);
        while (peek().kind == Kind.OR) {
            next();
            add(operands, parseAnd(), true);
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition parseAnd() {
        List<Condition> operands = new ArrayList<>();
        add(operands, parseNot(), false);
        while (peek().kind == Kind.AND) {
            next();
            add(operands, parseNot(), false);
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private static void add(List<Condition> operands, Condition operand, boolean or) {
        if (or && operand instanceof Condition.Or nested) {
            operands.addAll(nested.operands());
        } else if (!or && operand instanceof Condition.And nested) {
            operands.addAll(nested.operands());
        } else {
            operands.add(operand);
        }
    }

    private Condition parseNot() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError(peek().offset, "the condition is nested too deeply (more than " + MAX_DEPTH
                    + " levels of parentheses or 'not')");
        }
        try {
            if (peek().kind == Kind.NOT) {
                next();
                return new Condition.Not(parseNot());
            }
            return parsePrimary();
        } finally {
            depth--;
        }
    }

    private Condition parsePrimary() {
        Token token = next();
        switch (token.kind) {
            case LPAREN -> {
                if (peek().kind == Kind.RPAREN) {
                    throw new SyntaxError(peek().offset, "empty parentheses '()'");
                }
                Condition inner = parseOr();
                if (peek().kind != Kind.RPAREN) {
                    throw new SyntaxError(token.offset, peek().kind == Kind.END
                            ? "unbalanced parentheses: '(' is never closed"
                            : "expected ')' to close the '(' here, found '" + peek().text + "'");
                }
                next();
                return inner;
            }
            case ONE, ANY, ALL -> {
                return parseQuantified(token);
            }
            case WORD -> {
                if (peek().kind == Kind.OF) {
                    if (COUNT.matcher(token.text).matches()) {
                        throw new SyntaxError(token.offset, "'" + token.text + " of' is not supported: use '1 of' "
                                + "(any) or 'all of'");
                    }
                    throw new SyntaxError(token.offset, "'" + token.text + " of' is not valid: use '1 of', 'any of' "
                            + "or 'all of'");
                }
                return identifier(token);
            }
            case END -> throw new SyntaxError(token.offset, position <= 1 && tokens.size() == 1
                    ? "the condition is empty"
                    : "the condition ends too early: an identifier or '(' is missing at the end");
            case RPAREN -> throw new SyntaxError(token.offset, "unexpected ')': an identifier is missing before it");
            case THEM -> throw new SyntaxError(token.offset, "'them' must follow '1 of' or 'all of'");
            case OF -> throw new SyntaxError(token.offset, "'of' must follow '1', 'any' or 'all'");
            default -> throw new SyntaxError(token.offset, "unexpected '" + token.text + "': an identifier, 'not', "
                    + "'1 of', 'all of' or '(' is expected here");
        }
    }

    private Condition parseQuantified(Token quantifier) {
        if (peek().kind != Kind.OF) {
            if (quantifier.kind == Kind.ONE || quantifier.kind == Kind.ALL) {
                throw new SyntaxError(peek().offset, "'" + quantifier.text + "' must be followed by 'of' "
                        + "(e.g. '" + quantifier.text.toLowerCase(Locale.ROOT) + " of selection_*')");
            }
            return identifier(quantifier);
        }
        next();
        Token target = next();
        Condition.Quantifier q = quantifier.kind == Kind.ALL ? Condition.Quantifier.ALL : Condition.Quantifier.ANY;
        if (target.kind == Kind.THEM) {
            List<String> all = identifiers.stream().filter(name -> !name.startsWith("_")).toList();
            if (all.isEmpty()) {
                errors.add(new Error(target.offset, "'them' matches no search identifier"));
                return new Condition.OfPattern(q, "them", List.of("them"));
            }
            return new Condition.OfPattern(q, "them", all);
        }
        if (target.kind != Kind.WORD) {
            throw new SyntaxError(target.offset, target.kind == Kind.END
                    ? "'" + quantifier.text + " of' needs 'them' or an identifier pattern such as 'selection_*'"
                    : "'" + quantifier.text + " of' must be followed by 'them' or an identifier pattern, found '"
                    + target.text + "'");
        }
        List<String> matched = identifiers.stream().filter(name -> globMatches(target.text, name)).toList();
        if (matched.isEmpty()) {
            errors.add(new Error(target.offset, "the pattern '" + target.text + "' matches no search identifier"
                    + Suggestions.hint(target.text, identifiers)));
            return new Condition.OfPattern(q, target.text, List.of(target.text));
        }
        return new Condition.OfPattern(q, target.text, matched);
    }

    private Condition identifier(Token token) {
        String name = token.text;
        if (name.contains("*")) {
            errors.add(new Error(token.offset, "the pattern '" + name + "' can only be used after '1 of' or "
                    + "'all of'"));
        } else if (!identifierSet.contains(name) && errors.size() < MAX_ERRORS) {
            errors.add(new Error(token.offset, "unknown search identifier '" + name + "'"
                    + Suggestions.hint(name, identifiers)));
        }
        return new Condition.Identifier(name);
    }

    /** Glob match where {@code *} is any sequence of characters; everything else is literal. */
    static boolean globMatches(String pattern, String name) {
        if (!pattern.contains("*")) {
            return pattern.equals(name);
        }
        String[] pieces = pattern.split("\\*", -1);
        if (!name.startsWith(pieces[0])) {
            return false;
        }
        int at = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = name.indexOf(pieces[i], at);
            if (found < 0) {
                return false;
            }
            at = found + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return name.length() - at >= last.length() && name.endsWith(last);
    }

    private static final class SyntaxError extends RuntimeException {
        private final int offset;

        SyntaxError(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }
}

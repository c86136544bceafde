package io.detectionhub.translate.custom;

import com.google.re2j.Pattern;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the meaning of a generated query on rows, for the semantic test: {@code Table | where <expr>} (several
 * {@code where} lines are and-ed) with exactly the operators the translator emits. Anything else fails loudly, so a
 * new construct of the translator is noticed instead of being guessed at.
 * <p>
 * Rows are string columns as a Log Analytics custom table has them: an absent column reads as the empty string.
 * Logic is three-valued like Kusto's: a comparison with a null number is null, {@code not(null)} is null, and a row is
 * selected only when the condition is true.
 */
final class KqlWhereInterpreter {

    private final String table;
    private final List<Node> conditions;

    private KqlWhereInterpreter(String table, List<Node> conditions) {
        this.table = table;
        this.conditions = conditions;
    }

    static KqlWhereInterpreter parse(String query) {
        List<String> lines = query.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
        String table = lines.get(0);
        List<Node> conditions = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.startsWith("| where ")) {
                throw new UnsupportedOperationException("the interpreter runs only '| where' lines: " + line);
            }
            Parser p = new Parser(tokenize(line.substring("| where ".length())));
            conditions.add(p.expression());
            p.expectEnd();
        }
        return new KqlWhereInterpreter(table, conditions);
    }

    String table() {
        return table;
    }

    /** True when the query selects the row (every where-clause is true, not false or null). */
    boolean selects(Map<String, String> row) {
        for (Node c : conditions) {
            if (!Boolean.TRUE.equals(c.eval(row))) {
                return false;
            }
        }
        return true;
    }

    // ---- syntax tree -----------------------------------------------------------------------------------------------

    private interface Node {
        Boolean eval(Map<String, String> row);
    }

    /** A left operand: a column, tostring(column), toreal(column), or * (every column). */
    private record Operand(String column, String function) {
        boolean all() {
            return column == null;
        }

        List<String> strings(Map<String, String> row) {
            if (all()) {
                return new ArrayList<>(row.values());
            }
            return List.of(row.getOrDefault(column, ""));
        }

        BigDecimal number(Map<String, String> row) {
            String text = row.getOrDefault(column, "").strip();
            try {
                return text.isEmpty() ? null : new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private record Literal(String string, BigDecimal number, String column) {
        String text(Map<String, String> row) {
            return column != null ? row.getOrDefault(column, "") : string;
        }
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static Node comparison(Operand left, String op, List<Literal> right) {
        if (left.function() != null && left.function().equals("toreal")) {
            BigDecimal limit = right.get(0).number();
            if (limit == null || right.size() != 1) {
                throw new UnsupportedOperationException("toreal() compared with " + right);
            }
            return row -> {
                BigDecimal n = left.number(row);
                if (n == null) {
                    return null;
                }
                int c = n.compareTo(limit);
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    default -> throw new UnsupportedOperationException("numeric " + op);
                };
            };
        }
        for (Literal l : right) {
            if (l.string() == null && l.column() == null) {
                throw new UnsupportedOperationException("a string column compared with the number " + l.number());
            }
        }
        return row -> {
            for (String value : left.strings(row)) {
                if (stringTest(value, op, right, row)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean stringTest(String value, String op, List<Literal> right, Map<String, String> row) {
        String r = right.get(0).text(row);
        String lv = value.toLowerCase(Locale.ROOT);
        String lr = r.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "==" -> value.equals(r);
            case "!=" -> !value.equals(r);
            case "=~" -> lv.equals(lr);
            case "!~" -> !lv.equals(lr);
            case "in" -> right.stream().anyMatch(l -> value.equals(l.text(row)));
            case "!in" -> right.stream().noneMatch(l -> value.equals(l.text(row)));
            case "in~" -> right.stream().anyMatch(l -> lv.equals(l.text(row).toLowerCase(Locale.ROOT)));
            case "!in~" -> right.stream().noneMatch(l -> lv.equals(l.text(row).toLowerCase(Locale.ROOT)));
            case "contains" -> lv.contains(lr);
            case "contains_cs" -> value.contains(r);
            case "startswith" -> lv.startsWith(lr);
            case "startswith_cs" -> value.startsWith(r);
            case "endswith" -> lv.endsWith(lr);
            case "endswith_cs" -> value.endsWith(r);
            case "matches regex" -> Pattern.compile(r).matcher(value).find();
            default -> throw new UnsupportedOperationException("operator " + op);
        };
    }

    private static Node function(String name, Operand column, List<Literal> args) {
        return switch (name) {
            case "isempty" -> row -> column.strings(row).get(0).isEmpty();
            case "isnotempty" -> row -> !column.strings(row).get(0).isEmpty();
            // a string is never null; toreal() of an empty or non-numeric text is
            case "isnotnull" -> row -> !"toreal".equals(column.function()) || column.number(row) != null;
            case "ipv4_is_in_range", "ipv4_is_in_any_range" -> row -> {
                Boolean any = false;
                for (Literal range : args) {
                    any = or(any, inRange(column.strings(row).get(0), range.string(), false));
                }
                return any;
            };
            case "ipv6_is_in_range" -> row -> inRange(column.strings(row).get(0), args.get(0).string(), true);
            default -> throw new UnsupportedOperationException("function " + name);
        };
    }

    /** Null when the address is not one (as Kusto's functions give null). */
    static Boolean inRange(String address, String range, boolean v6) {
        int slash = range.indexOf('/');
        String network = slash < 0 ? range : range.substring(0, slash);
        byte[] a = ip(address.strip(), v6);
        byte[] n = ip(network, v6);
        if (a == null || n == null || a.length != n.length) {
            return null;
        }
        int bits = slash < 0 ? a.length * 8 : Integer.parseInt(range.substring(slash + 1));
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ip(String text, boolean v6) {
        if (!v6) {
            if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            String[] parts = text.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                b[i] = (byte) v;
            }
            return b;
        }
        // only literal addresses reach InetAddress (a name would start a DNS lookup)
        if (!text.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // ---- tokens and parser -----------------------------------------------------------------------------------------

    private record Token(String kind, String text) {
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        char e = s.charAt(i + 1);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                                i += 4;
                            }
                            default -> sb.append(e);
                        }
                        i += 2;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                i++;
                tokens.add(new Token("string", sb.toString()));
            } else if (s.startsWith("['", i)) {
                StringBuilder sb = new StringBuilder();
                i += 2;
                while (!s.startsWith("']", i)) {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    sb.append(s.charAt(i++));
                }
                i += 2;
                tokens.add(new Token("name", sb.toString()));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token("number", s.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                String word = s.substring(start, i);
                if (i < s.length() && s.charAt(i) == '~') {
                    word += "~";
                    i++;
                }
                tokens.add(new Token("word", word));
            } else if (c == '!' && s.startsWith("!in", i)) {
                int start = i;
                i += 3;
                if (i < s.length() && s.charAt(i) == '~') {
                    i++;
                }
                tokens.add(new Token("word", s.substring(start, i)));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "=~", "!=", "!~", "<=", ">=").contains(two)) {
                    tokens.add(new Token("op", two));
                    i += 2;
                } else if ("()*,<>".indexOf(c) >= 0) {
                    tokens.add(new Token("op", String.valueOf(c)));
                    i++;
                } else {
                    throw new UnsupportedOperationException("unexpected character '" + c + "' in " + s);
                }
            }
        }
        return tokens;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Node expression() {
            Node left = conjunction();
            while (peekWord("or")) {
                pos++;
                Node l = left;
                Node r = conjunction();
                left = row -> or(l.eval(row), r.eval(row));
            }
            return left;
        }

        private Node conjunction() {
            Node left = unary();
            while (peekWord("and")) {
                pos++;
                Node l = left;
                Node r = unary();
                left = row -> and(l.eval(row), r.eval(row));
            }
            return left;
        }

        private Node unary() {
            if (peekWord("not")) {
                pos++;
                expect("(");
                Node inner = expression();
                expect(")");
                return row -> {
                    Boolean v = inner.eval(row);
                    return v == null ? null : !v;
                };
            }
            if (peek("op", "(")) {
                pos++;
                Node inner = expression();
                expect(")");
                return inner;
            }
            if (peekWord("true") || peekWord("false")) {
                boolean v = next().text().equals("true");
                return row -> v;
            }
            return predicate();
        }

        private Node predicate() {
            Token t = next();
            if (t.kind().equals("word") && peek("op", "(") && List.of("isempty", "isnotempty", "isnotnull", "ipv4_is_in_range",
                    "ipv4_is_in_any_range", "ipv6_is_in_range").contains(t.text())) {
                pos++;
                Operand column = operand(next());
                List<Literal> args = new ArrayList<>();
                while (peek("op", ",")) {
                    pos++;
                    args.add(literal(next()));
                }
                expect(")");
                return function(t.text(), column, args);
            }
            Operand left = operand(t);
            String op = operator();
            List<Literal> right = new ArrayList<>();
            if (op.equals("in") || op.equals("in~") || op.equals("!in") || op.equals("!in~")) {
                expect("(");
                right.add(literal(next()));
                while (peek("op", ",")) {
                    pos++;
                    right.add(literal(next()));
                }
                expect(")");
            } else {
                right.add(literal(next()));
            }
            return comparison(left, op, right);
        }

        private String operator() {
            Token t = next();
            if (t.kind().equals("op")) {
                return t.text();
            }
            if (t.text().equals("matches")) {
                Token regex = next();
                if (!regex.text().equals("regex")) {
                    throw new UnsupportedOperationException("matches " + regex.text());
                }
                return "matches regex";
            }
            if (List.of("contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
                    "in", "in~", "!in", "!in~").contains(t.text())) {
                return t.text();
            }
            throw new UnsupportedOperationException("operator " + t.text());
        }

        private Operand operand(Token t) {
            if (t.kind().equals("op") && t.text().equals("*")) {
                return new Operand(null, null);
            }
            if (t.kind().equals("word") && peek("op", "(") && List.of("tostring", "toreal").contains(t.text())) {
                pos++;
                Token column = next();
                expect(")");
                return new Operand(column.text(), t.text());
            }
            if (t.kind().equals("word") || t.kind().equals("name")) {
                return new Operand(t.text(), null);
            }
            throw new UnsupportedOperationException("operand " + t);
        }

        private Literal literal(Token t) {
            return switch (t.kind()) {
                case "string" -> new Literal(t.text(), null, null);
                case "number" -> new Literal(null, new BigDecimal(t.text()), null);
                case "word", "name" -> {
                    if (t.kind().equals("word") && peek("op", "(")) {
                        throw new UnsupportedOperationException("function on the right: " + t.text());
                    }
                    yield new Literal(null, null, t.text());
                }
                default -> throw new UnsupportedOperationException("literal " + t);
            };
        }

        private boolean peekWord(String word) {
            return peek("word", word);
        }

        private boolean peek(String kind, String text) {
            return pos < tokens.size() && tokens.get(pos).kind().equals(kind) && tokens.get(pos).text().equals(text);
        }

        private Token next() {
            if (pos >= tokens.size()) {
                throw new UnsupportedOperationException("unexpected end of the expression");
            }
            return tokens.get(pos++);
        }

        private void expect(String op) {
            Token t = next();
            if (!t.kind().equals("op") || !t.text().equals(op)) {
                throw new UnsupportedOperationException("expected '" + op + "', found " + t);
            }
        }

        void expectEnd() {
            if (pos != tokens.size()) {
                throw new UnsupportedOperationException("unexpected " + tokens.get(pos));
            }
        }
    }
}

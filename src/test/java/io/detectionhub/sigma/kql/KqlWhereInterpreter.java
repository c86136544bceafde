package io.detectionhub.sigma.kql;

import com.google.re2j.Pattern;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the meaning of a generated query on rows, for the semantic tests: {@code Table | where ... | extend ... |
 * where ...} with exactly the operators and functions the translator emits. Anything else fails loudly, so a new
 * construct of the translator is noticed instead of being guessed at.
 * <p>
 * Rows hold every value as text, as exported rows show them: an absent column reads as the empty string, a value
 * inside a dynamic or JSON column is the key {@code Column.member}. Logic is three-valued like Kusto's: a comparison
 * with a null number is null, {@code not(null)} is null, and a row is selected only when every clause is true.
 */
public final class KqlWhereInterpreter {

    private final String table;
    private final List<Step> steps;

    private KqlWhereInterpreter(String table, List<Step> steps) {
        this.table = table;
        this.steps = steps;
    }

    private sealed interface Step permits Where, Extend {
    }

    private record Where(Node condition) implements Step {
    }

    private record Extend(Map<String, Value> columns) implements Step {
    }

    public static KqlWhereInterpreter parse(String query) {
        List<String> lines = query.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
        String table = lines.get(0);
        List<Step> steps = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("| where ")) {
                Parser p = new Parser(tokenize(line.substring("| where ".length())));
                steps.add(new Where(p.expression()));
                p.expectEnd();
            } else if (line.startsWith("| extend ")) {
                Parser p = new Parser(tokenize(line.substring("| extend ".length())));
                steps.add(new Extend(p.assignments()));
                p.expectEnd();
            } else if (line.startsWith("| project ")) {
                continue;
            } else {
                throw new UnsupportedOperationException("the interpreter runs only where, extend and project: " + line);
            }
        }
        return new KqlWhereInterpreter(table, steps);
    }

    public String table() {
        return table;
    }

    /** True when the query selects the row (every where-clause is true, not false or null). */
    public boolean selects(Map<String, String> row) {
        Map<String, String> current = row;
        for (Step step : steps) {
            if (step instanceof Where w) {
                if (!Boolean.TRUE.equals(w.condition().eval(current))) {
                    return false;
                }
            } else {
                Map<String, String> before = current;
                Map<String, String> extended = new LinkedHashMap<>(before);
                ((Extend) step).columns().forEach((name, value) -> extended.put(name, value.text(before)));
                current = extended;
            }
        }
        return true;
    }

    // ---- syntax tree -----------------------------------------------------------------------------------------------

    private interface Node {
        Boolean eval(Map<String, String> row);
    }

    /** A scalar: its text (numbers as their text), null only for toreal() of a non-number. */
    private interface Value {
        String text(Map<String, String> row);
    }

    private record Column(String key) implements Value {
        @Override
        public String text(Map<String, String> row) {
            return row.getOrDefault(key, "");
        }
    }

    private record Constant(String value, boolean number) implements Value {
        @Override
        public String text(Map<String, String> row) {
            return value;
        }
    }

    /** Every column's value (the left side of {@code * contains}). */
    private record AllColumns() implements Value {
        @Override
        public String text(Map<String, String> row) {
            throw new UnsupportedOperationException("* is only a left operand");
        }
    }

    private static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
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

    private static Node comparison(Value left, boolean numeric, String op, List<Value> right) {
        boolean numberLiterals = right.stream().allMatch(r -> r instanceof Constant c && c.number());
        if (numeric || numberLiterals) {
            // toreal(x) op n, or a numeric column compared with numbers: null when the value is not a number
            return row -> {
                BigDecimal n = number(left.text(row));
                if (n == null) {
                    return null;
                }
                return switch (op) {
                    case "<" -> n.compareTo(number(right.get(0).text(row))) < 0;
                    case "<=" -> n.compareTo(number(right.get(0).text(row))) <= 0;
                    case ">" -> n.compareTo(number(right.get(0).text(row))) > 0;
                    case ">=" -> n.compareTo(number(right.get(0).text(row))) >= 0;
                    case "==" -> equalsAny(n, right, row);
                    case "!=" -> !equalsAny(n, right, row);
                    case "in" -> equalsAny(n, right, row);
                    case "!in" -> !equalsAny(n, right, row);
                    default -> throw new UnsupportedOperationException("numeric " + op);
                };
            };
        }
        return row -> {
            List<String> values = left instanceof AllColumns ? new ArrayList<>(row.values()) : List.of(left.text(row));
            for (String value : values) {
                if (stringTest(value, op, right, row)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean equalsAny(BigDecimal n, List<Value> right, Map<String, String> row) {
        return right.stream().anyMatch(r -> {
            BigDecimal v = number(r.text(row));
            return v != null && v.compareTo(n) == 0;
        });
    }

    private static boolean stringTest(String value, String op, List<Value> right, Map<String, String> row) {
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
            } else if (s.startsWith("//", i)) {
                break; // a comment runs to the end of the line (a filter's line names its exception)
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
                } else if ("()*,<>.[]=".indexOf(c) >= 0) {
                    tokens.add(new Token("op", String.valueOf(c)));
                    i++;
                } else {
                    throw new UnsupportedOperationException("unexpected character '" + c + "' in " + s);
                }
            }
        }
        return tokens;
    }

    private static final List<String> PREDICATES = List.of("isempty", "isnotempty", "isnotnull", "ipv4_is_in_range",
            "ipv4_is_in_any_range", "ipv6_is_in_range");

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Map<String, Value> assignments() {
            Map<String, Value> result = new LinkedHashMap<>();
            do {
                if (peek("op", ",")) {
                    pos++;
                }
                Token name = next();
                expect("=");
                result.put(name.text(), value());
            } while (peek("op", ","));
            return result;
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
            Token t = tokens.get(pos);
            if (t.kind().equals("word") && PREDICATES.contains(t.text()) && peekAt(pos + 1, "op", "(")) {
                pos += 2;
                Value operand = value();
                List<Value> args = new ArrayList<>();
                while (peek("op", ",")) {
                    pos++;
                    args.add(value());
                }
                expect(")");
                return function(t.text(), operand, args);
            }
            boolean numeric = peekWord("toreal");
            Value left = peek("op", "*") ? allColumns() : value();
            String op = operator();
            List<Value> right = new ArrayList<>();
            if (op.equals("in") || op.equals("in~") || op.equals("!in") || op.equals("!in~")) {
                expect("(");
                right.add(value());
                while (peek("op", ",")) {
                    pos++;
                    right.add(value());
                }
                expect(")");
            } else {
                right.add(value());
            }
            return comparison(left, numeric, op, right);
        }

        private Value allColumns() {
            pos++;
            return new AllColumns();
        }

        private Node function(String name, Value operand, List<Value> args) {
            return switch (name) {
                case "isempty" -> row -> operand.text(row).isEmpty();
                case "isnotempty" -> row -> !operand.text(row).isEmpty();
                // the translator tests numbers only (numeric columns, toreal()): an empty or non-numeric text is null
                case "isnotnull" -> row -> number(operand.text(row)) != null;
                case "ipv4_is_in_range", "ipv4_is_in_any_range" -> row -> {
                    Boolean any = false;
                    for (Value range : args) {
                        any = or(any, inRange(operand.text(row), range.text(row), false));
                    }
                    return any;
                };
                case "ipv6_is_in_range" -> row -> inRange(operand.text(row), args.get(0).text(row), true);
                default -> throw new UnsupportedOperationException("function " + name);
            };
        }

        /** A scalar expression: a literal, a column (with members), or one of the functions the translator uses. */
        private Value value() {
            Token t = next();
            switch (t.kind()) {
                case "string" -> {
                    return new Constant(t.text(), false);
                }
                case "number" -> {
                    return new Constant(t.text(), true);
                }
                case "name" -> {
                    return members(t.text());
                }
                case "word" -> {
                    if (!peek("op", "(")) {
                        return members(t.text());
                    }
                    pos++;
                    List<Node> conditions = new ArrayList<>();
                    List<Value> args = new ArrayList<>();
                    if (t.text().equals("iff")) {
                        conditions.add(expression());
                        expect(",");
                    }
                    if (!peek("op", ")")) {
                        args.add(value());
                        while (peek("op", ",")) {
                            pos++;
                            args.add(value());
                        }
                    }
                    expect(")");
                    return call(t.text(), conditions, args);
                }
                default -> throw new UnsupportedOperationException("value " + t);
            }
        }

        private Value members(String column) {
            StringBuilder key = new StringBuilder(column);
            while (peek("op", ".") || peek("op", "[")) {
                if (next().text().equals(".")) {
                    key.append('.').append(next().text());
                } else {
                    key.append('.').append(next().text());
                    expect("]");
                }
            }
            return new Column(key.toString());
        }

        private Value call(String name, List<Node> conditions, List<Value> args) {
            return switch (name) {
                case "tostring", "toreal" -> args.get(0);
                case "strcat" -> row -> {
                    StringBuilder sb = new StringBuilder();
                    args.forEach(a -> sb.append(a.text(row)));
                    return sb.toString();
                };
                case "coalesce" -> row -> args.stream().map(a -> a.text(row)).filter(v -> !v.isEmpty()).findFirst()
                        .orElse("");
                case "iff" -> row -> Boolean.TRUE.equals(conditions.get(0).eval(row)) ? args.get(0).text(row)
                        : args.get(1).text(row);
                case "extract" -> row -> {
                    var m = Pattern.compile(args.get(0).text(row)).matcher(args.get(2).text(row));
                    return m.find() ? m.group(Integer.parseInt(args.get(1).text(row))) : "";
                };
                case "parse_json" -> {
                    if (!(args.get(0) instanceof Column c)) {
                        throw new UnsupportedOperationException("parse_json of " + args.get(0));
                    }
                    // rows hold JSON members flattened: parse_json(C).M reads C.M
                    Value parsed = members(c.key());
                    yield parsed;
                }
                case "split" -> {
                    expect("[");
                    int index = Integer.parseInt(next().text());
                    expect("]");
                    yield row -> {
                        String[] parts = args.get(0).text(row).split(java.util.regex.Pattern.quote(args.get(1).text(row)), -1);
                        return index < parts.length ? parts[index] : "";
                    };
                }
                default -> throw new UnsupportedOperationException("function " + name);
            };
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

        private boolean peekWord(String word) {
            return peek("word", word);
        }

        private boolean peek(String kind, String text) {
            return peekAt(pos, kind, text);
        }

        private boolean peekAt(int at, String kind, String text) {
            return at < tokens.size() && tokens.get(at).kind().equals(kind) && tokens.get(at).text().equals(text);
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

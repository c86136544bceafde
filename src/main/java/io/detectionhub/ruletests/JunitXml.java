package io.detectionhub.ruletests;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.databind.JsonNode;

/**
 * A finished run as JUnit XML (the Ant/Jenkins format CI servers read): {@code testsuites} with one {@code testsuite}
 * per rule (name: the rule's title, package: its id) and one {@code testcase} per test case (classname: the rule id),
 * a {@code failure} for a failed case and an {@code error} for one that could not run, each with the message and the
 * explanation in its text.
 */
public final class JunitXml {

    private JunitXml() {
    }

    public static String of(TestRun run) {
        Map<String, List<TestRun.Result>> byRule = new LinkedHashMap<>();
        run.results().forEach(r -> byRule.computeIfAbsent(r.ruleId(), k -> new ArrayList<>()).add(r));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "Detection Hub rule tests, run " + run.id());
            xml.writeAttribute("tests", Integer.toString(run.results().size()));
            xml.writeAttribute("failures", Long.toString(count(run.results(), "failed")));
            xml.writeAttribute("errors", Long.toString(count(run.results(), "error")));
            xml.writeAttribute("time", seconds(run.results().stream().mapToLong(TestRun.Result::durationMs).sum()));
            for (Map.Entry<String, List<TestRun.Result>> suite : byRule.entrySet()) {
                List<TestRun.Result> results = suite.getValue();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", clean(results.get(0).ruleTitle() == null ? suite.getKey()
                        : results.get(0).ruleTitle()));
                xml.writeAttribute("package", clean(suite.getKey()));
                xml.writeAttribute("tests", Integer.toString(results.size()));
                xml.writeAttribute("failures", Long.toString(count(results, "failed")));
                xml.writeAttribute("errors", Long.toString(count(results, "error")));
                xml.writeAttribute("time", seconds(results.stream().mapToLong(TestRun.Result::durationMs).sum()));
                Instant at = run.startedAt() != null ? run.startedAt() : run.createdAt();
                if (at != null) {
                    xml.writeAttribute("timestamp", at.toString().replaceFirst("\\.\\d+Z$", "Z"));
                }
                for (TestRun.Result r : results) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("name", clean(r.testName()));
                    xml.writeAttribute("classname", clean(r.ruleId()));
                    xml.writeAttribute("time", seconds(r.durationMs()));
                    if (!"passed".equals(r.outcome())) {
                        xml.writeStartElement("error".equals(r.outcome()) ? "error" : "failure");
                        xml.writeAttribute("message", clean(r.message()));
                        xml.writeAttribute("type", "error".equals(r.outcome()) ? "error" : r.expectation());
                        xml.writeCharacters(clean(r.expectation() + ": " + r.message() + explanation(r.detail())));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The miss explanations of a failed case in lines: routing, or the blame and the failed items. */
    private static String explanation(JsonNode detail) {
        if (detail == null || !detail.has("misses")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (JsonNode miss : detail.get("misses")) {
            if (shown++ >= 20) {
                sb.append("\n(more misses in the JSON result)");
                break;
            }
            sb.append("\nevent #").append(miss.get("eventIndex").asLong() + 1).append(", ")
                    .append(miss.path("ruleTitle").asString("")).append(": ");
            if (!miss.path("routedAway").isNull() && miss.has("routedAway")) {
                sb.append("routed away: ").append(miss.get("routedAway").asString());
                continue;
            }
            List<String> blame = new ArrayList<>();
            miss.path("blame").forEach(b -> blame.add(b.asString()));
            sb.append(String.join("; ", blame));
            for (JsonNode search : miss.path("searches")) {
                for (JsonNode map : search.path("maps")) {
                    for (JsonNode item : map.path("items")) {
                        if (!item.path("holds").asBoolean()) {
                            sb.append("\n  ").append(search.path("name").asString()).append(": ")
                                    .append(item.path("reason").asString());
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    private static long count(List<TestRun.Result> results, String outcome) {
        return results.stream().filter(r -> outcome.equals(r.outcome())).count();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** XML 1.0 cannot hold most control characters: they are replaced. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000 ? c : '?'));
        return sb.toString();
    }
}

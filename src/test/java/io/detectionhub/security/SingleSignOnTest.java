package io.detectionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.security.accounts.UserAccount;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.testsupport.OidcProvider;
import io.detectionhub.testsupport.SignedInSession;
import org.junit.jupiter.api.AfterAll;
import io.detectionhub.testsupport.BrowserTest;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single sign-on for real: a Spring Authorization Server started by the test ({@link OidcProvider}) is the OpenID
 * Connect provider, the application discovers it at start, and people sign in as a browser would, over HTTP with a
 * cookie jar: the app's button, the provider's login form (with its CSRF token), the code sent back to the app. Their
 * {@code groups} claim maps to roles: editors change rules, viewers cannot; people without a mapped group, and
 * disabled accounts, are refused; everything is in the audit log under the person's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.starter-library.enabled=false", "detectionhub.attack.auto-enrichment=false"})
@Import(TestCredentials.class)
@DirtiesContext
class SingleSignOnTest {

    static final OidcProvider PROVIDER = new OidcProvider(Map.of(
            "alice", List.of("staff", "dh-editors"),
            "victor", List.of("dh-viewers"),
            "mallory", List.of("marketing"),
            "nora", List.of(),
            "dora", List.of("dh-editors"),
            "admin", List.of("dh-admins"),
            "erin", List.of("dh-editors"),
            "sam", List.of("dh-editors")));

    private static final Pattern PROVIDER_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        String registration = "spring.security.oauth2.client.registration.test-idp.";
        properties.add(registration + "client-id", () -> OidcProvider.CLIENT_ID);
        properties.add(registration + "client-secret", () -> OidcProvider.CLIENT_SECRET);
        properties.add(registration + "scope", () -> "openid,profile");
        properties.add(registration + "client-name", () -> "Test IdP");
        properties.add("spring.security.oauth2.client.provider.test-idp.issuer-uri", PROVIDER::issuer);
        properties.add("detectionhub.security.sso.test-idp.admin", () -> "dh-admins");
        properties.add("detectionhub.security.sso.test-idp.editor", () -> "dh-editors");
        properties.add("detectionhub.security.sso.test-idp.viewer", () -> "dh-viewers");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void allowTheCallback() {
        PROVIDER.allowRedirectUri(app() + "/login/oauth2/code/test-idp");
        PROVIDER.allowPostLogoutRedirectUri(app() + "/login?signed-out");
    }

    @Test
    void theSignInPageOffersTheProvider() {
        HttpResponse<String> page = new Browser().get(app() + "/login");
        assertThat(page.body()).contains("href=\"/oauth2/authorization/test-idp\"").contains("Sign in with Test IdP");
    }

    @Test
    void theButtonSendsTheBrowserToTheProviderWithStateNonceAndProofKey() {
        HttpResponse<String> answer = new Browser().get(app() + "/oauth2/authorization/test-idp");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow())
                .startsWith(PROVIDER.issuer() + "/oauth2/authorize?")
                .contains("client_id=" + OidcProvider.CLIENT_ID, "state=", "nonce=", "code_challenge=",
                        "code_challenge_method=S256", "redirect_uri=" + app() + "/login/oauth2/code/test-idp");
    }

    @Test
    void anEditorGroupSignsInAsAnEditorWhoChangesRulesUnderTheirOwnName() {
        Browser alice = new Browser();
        HttpResponse<String> answer = alice.signInAtProvider("alice");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/");

        HttpResponse<String> home = alice.get(app() + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("alice");
        UserAccount account = accounts.find("alice").orElseThrow();
        assertThat(account.role()).isEqualTo(Role.EDITOR);
        assertThat(account.createdBy()).isEqualTo("sso:test-idp");

        String id = UUID.randomUUID().toString();
        HttpResponse<String> created = alice.postYaml(app() + "/api/rules", rule(id),
                SignedInSession.csrfTokenIn(home.body()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(alice.get(app() + "/rules/new").statusCode()).isEqualTo(200);
        assertThat(alice.get(app() + "/account/password").body()).contains("there is none to change here");

        assertThat(auditActors("rule.created", id)).containsExactly("alice");
        assertThat(auditActors("sign-in.succeeded", "alice")).containsExactly("alice");
        assertThat(auditSummaries("user.created", "alice")).singleElement().asString()
                .contains("first single sign-on via test-idp");

        SignedInSession admin = new SignedInSession(port).signedInAs("admin", "admin-password-for-tests");
        assertThat(admin.get("/admin/users").body()).contains("single sign-on: test-idp");

        // a second sign-in finds the same account (by the provider's subject), creates nothing
        Browser again = new Browser();
        assertThat(again.signInAtProvider("alice").headers().firstValue("Location")).hasValue("/");
        assertThat(auditSummaries("user.created", "alice")).hasSize(1);
        assertThat(auditActors("sign-in.succeeded", "alice")).hasSize(2);
    }

    @Test
    void signingOutEndsTheProvidersSessionSoTheNextSignInAsksForThePasswordAgain() {
        Browser sam = new Browser();
        sam.signInAtProvider("sam");
        HttpResponse<String> home = sam.get(app() + "/");

        HttpResponse<String> out = sam.post(app() + "/logout", "_csrf="
                + URLEncoder.encode(SignedInSession.csrfTokenIn(home.body()), StandardCharsets.UTF_8));

        assertThat(out.statusCode()).isEqualTo(302);
        URI endSession = URI.create(out.headers().firstValue("Location").orElseThrow());
        assertThat(endSession.toString()).startsWith(PROVIDER.issuer() + "/connect/logout?");
        assertThat(endSession.getQuery()).contains("id_token_hint=")
                .contains("post_logout_redirect_uri=" + app() + "/login?signed-out");
        assertThat(sam.get(app() + "/").statusCode()).as("signed out here").isEqualTo(302);

        HttpResponse<String> atProvider = sam.get(endSession.toString());
        assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
        assertThat(atProvider.headers().firstValue("Location")).hasValue(app() + "/login?signed-out");

        // the provider no longer knows them: its authorization endpoint sends them to its login form
        URI next = URI.create(sam.get(app() + "/oauth2/authorization/test-idp").headers().firstValue("Location")
                .orElseThrow());
        HttpResponse<String> authorize = sam.get(next.toString());
        assertThat(next.resolve(authorize.headers().firstValue("Location").orElseThrow()).toString())
                .startsWith(PROVIDER.issuer() + "/login");
        assertThat(auditActors("sign-out", "sam")).isNotEmpty();
    }

    @Test
    void aViewerGroupBrowsesButCannotChangeRules() {
        Browser victor = new Browser();
        assertThat(victor.signInAtProvider("victor").headers().firstValue("Location")).hasValue("/");
        HttpResponse<String> home = victor.get(app() + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(victor.getJson(app() + "/api/rules").statusCode()).isEqualTo(200);
        assertThat(victor.get(app() + "/rules/new").statusCode()).isEqualTo(403);
        String id = UUID.randomUUID().toString();
        HttpResponse<String> refused = victor.postYaml(app() + "/api/rules", rule(id),
                SignedInSession.csrfTokenIn(home.body()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(accounts.find("victor").orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(auditActors("rule.created", id)).isEmpty();
    }

    @Test
    void anAdminGroupReachesTheAdminPages() {
        Browser admin = new Browser();
        // "admin" is also the first admin's name here: linking existing accounts is off, so the provider's admin is
        // refused rather than signed in as the local account
        HttpResponse<String> answer = admin.signInAtProvider("admin");
        assertThat(answer.headers().firstValue("Location")).hasValue("/login?error=sso-taken");
        assertThat(auditSummaries("sign-in.failed", "admin")).anySatisfy(s -> assertThat(s)
                .contains("linking existing accounts is off"));
        assertThat(admin.get(app() + "/admin/users").statusCode()).isEqualTo(302);
    }

    @Test
    void peopleWhoseGroupsMapToNoRoleAreRefusedAndNoAccountIsMade() {
        for (String name : List.of("mallory", "nora")) {
            Browser person = new Browser();
            HttpResponse<String> answer = person.signInAtProvider(name);
            assertThat(answer.headers().firstValue("Location")).as(name).hasValue("/login?error=sso-no-role");
            assertThat(person.get(app() + "/login?error=sso-no-role").body()).contains("none of your groups");
            assertThat(person.get(app() + "/").statusCode()).as(name).isEqualTo(302);
            assertThat(accounts.find(name)).as(name).isEmpty();
            assertThat(auditSummaries("sign-in.failed", name)).as(name).singleElement().asString()
                    .contains("oidc:test-idp").contains("no value of the groups claim maps to a role");
        }
    }

    @Test
    void aDisabledAccountIsSignedOutAndRefused() {
        Browser dora = new Browser();
        assertThat(dora.signInAtProvider("dora").headers().firstValue("Location")).hasValue("/");
        assertThat(dora.get(app() + "/").statusCode()).isEqualTo(200);

        accounts.setEnabled(accounts.find("dora").orElseThrow().id(), false);
        assertThat(dora.get(app() + "/").statusCode()).as("the session ended").isEqualTo(302);

        HttpResponse<String> again = new Browser().signInAtProvider("dora");
        assertThat(again.headers().firstValue("Location")).hasValue("/login?error=disabled");
        assertThat(auditSummaries("sign-in.failed", "dora")).singleElement().asString().contains("account disabled");
    }

    @Test
    void aProviderErrorIsAuditedAndSendsThePersonBackToSignIn() {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.get(app() + "/login/oauth2/code/test-idp?code=forged&state=forged");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/login?error=sso");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'sign-in.failed'"
                + " AND summary LIKE '%authorization_request_not_found%'").query(Long.class).single()).isPositive();
    }

    /** The same in Chromium (same context): the button, the provider's page, back in the app as an editor. */
    @Nested
    class InTheBrowser extends BrowserTest {

        @Test
        void anEditorSignsInWithTheButtonAndTheProvidersForm() {
            PROVIDER.allowRedirectUri(url("/login/oauth2/code/test-idp"));
            open("/");
            driver.manage().deleteAllCookies();
            open("/login");
            driver.findElement(By.linkText("Sign in with Test IdP")).click();
            waitUpTo(15).until(ExpectedConditions.urlContains(PROVIDER.issuer() + "/login"));
            driver.findElement(By.id("username")).sendKeys("erin");
            driver.findElement(By.id("password")).sendKeys(OidcProvider.PASSWORD);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            waitUpTo(15).until(ExpectedConditions.urlToBe(url("/")));
            assertThat(driver.getPageSource()).contains("erin");
            open("/rules/new");
            assertThat(driver.getPageSource()).doesNotContain("Not allowed");
            assertThat(accounts.find("erin").orElseThrow().role()).isEqualTo(Role.EDITOR);
        }
    }

    private List<String> auditActors(String action, String objectId) {
        return jdbc.sql("SELECT actor FROM audit_entry WHERE action = :a AND object_id = :o ORDER BY id")
                .param("a", action).param("o", objectId).query(String.class).list();
    }

    private List<String> auditSummaries(String action, String objectId) {
        return jdbc.sql("SELECT summary FROM audit_entry WHERE action = :a AND object_id = :o ORDER BY id")
                .param("a", action).param("o", objectId).query(String.class).list();
    }

    private String app() {
        return "http://127.0.0.1:" + port;
    }

    private static String rule(String id) {
        return """
                title: Created through single sign-on
                id: %s
                logsource:
                  category: process_creation
                  product: linux
                detection:
                  selection:
                    Image|endswith: /ssh
                  condition: selection
                level: low
                """.formatted(id);
    }

    /** A browser over HTTP: a cookie jar for the app (127.0.0.1) and the provider (localhost), no automatic redirects. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /**
         * Clicks the provider's button on the sign-in page and follows the redirects; signs in on the provider's
         * form when it asks. The app's answer to the provider's callback (where it sends the person next).
         */
        HttpResponse<String> signInAtProvider(String name) {
            URI next = URI.create(app() + "/oauth2/authorization/test-idp");
            for (int step = 0; step < 12; step++) {
                HttpResponse<String> answer = get(next.toString());
                if (next.getPath().startsWith("/login/oauth2/code/")) {
                    return answer;
                }
                if (answer.statusCode() == 200 && next.toString().startsWith(PROVIDER.issuer() + "/login")) {
                    Matcher token = PROVIDER_CSRF.matcher(answer.body());
                    assertThat(token.find()).as("the provider's login form").isTrue();
                    answer = post(next.toString(), "username=" + encode(name) + "&password="
                            + encode(OidcProvider.PASSWORD) + "&_csrf=" + encode(token.group(1)));
                }
                assertThat(answer.statusCode()).as("step " + step + " at " + next + ": " + answer.body())
                        .isIn(302, 303);
                next = next.resolve(answer.headers().firstValue("Location").orElseThrow());
            }
            throw new AssertionError("no callback to the app after 12 redirects");
        }

        HttpResponse<String> get(String uri) {
            return send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET().build());
        }

        HttpResponse<String> getJson(String uri) {
            return send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json").GET().build());
        }

        HttpResponse<String> post(String uri, String form) {
            return send(HttpRequest.newBuilder(URI.create(uri))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }

        HttpResponse<String> postYaml(String uri, String yaml, String csrfToken) {
            return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/yaml")
                    .header("X-CSRF-TOKEN", csrfToken).POST(HttpRequest.BodyPublishers.ofString(yaml)).build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}

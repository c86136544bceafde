package io.detectionhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.detectionhub.audit.AuditEntry;
import io.detectionhub.audit.AuditLog;
import io.detectionhub.audit.AuditQuery;
import io.detectionhub.security.accounts.AccountChangeRefused;
import io.detectionhub.security.accounts.UserAccount;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in, sessions, CSRF, API keys, HTTP Basic, throttling, headers, redirects and the audit log through the real
 * HTTP stack, on H2 ({@link SecurityH2Test}) and PostgreSQL ({@link SecurityPostgresTest}).
 */
abstract class SecurityContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicInteger NAMES = new AtomicInteger();
    static final String RULE = """
            title: Security contract rule
            id: %s
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    Image|endswith: /whoami
                condition: selection
            level: low
            """;

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    UserAccounts accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000 + "-" + NAMES.incrementAndGet();
    }

    String newUser(Role role, String password) {
        String name = unique("user");
        accounts.create(name, role, password);
        return name;
    }

    // ------------------------------------------------------------------ sign-in, sessions, sign-out

    @Test
    void theFirstAdminIsTheConfiguredOne() {
        new SignedInSession(port).signedInAs("admin", "admin-password-for-tests");
        assertThat(accounts.find("admin")).map(UserAccount::role).hasValue(Role.ADMIN);
    }

    @Test
    void signInGivesASessionInTheDatabaseAndSignOutEndsIt() {
        String name = newUser(Role.EDITOR, "editor-password-1234");
        SignedInSession session = new SignedInSession(port);
        HttpResponse<String> anonymous = session.get("/rules?q=ssh");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");

        HttpResponse<String> signedIn = session.signIn(name.toUpperCase(), "editor-password-1234");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        // back to the page first asked for, as a path of this site
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("/rules?q=ssh"));
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :n").param("n", name)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(session.get("/rules").body()).contains("Signed in as", name);

        String token = session.csrfTokenOf("/rules");
        assertThat(session.postForm("/logout", Map.of()).statusCode()).as("sign-out without token").isEqualTo(403);
        HttpResponse<String> out = session.postForm("/logout", Map.of("_csrf", token));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValue("/login?signed-out");
        assertThat(session.get("/rules").statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :n").param("n", name)
                .query(Long.class).single()).isZero();

        assertThat(entries(new AuditQuery(name, null, "session", null, null, null)))
                .extracting(AuditEntry::action).contains("sign-in.succeeded", "sign-out");
    }

    @Test
    void wrongPasswordsAndUnknownNamesLookAlikeAndTheAccountIsThrottled() {
        String name = newUser(Role.VIEWER, "viewer-password-1234");
        SignedInSession session = new SignedInSession(port);
        HttpResponse<String> unknown = session.signIn(unique("nobody"), "whatever-password");
        assertThat(unknown.headers().firstValue("Location")).hasValue("/login?error=credentials");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = session.signIn(name, "wrong-password-" + i);
            assertThat(wrong.headers().firstValue("Location")).hasValue("/login?error=credentials");
        }
        assertThat(session.get("/login?error=credentials").body()).contains("Wrong user name or password.");
        // the sixth attempt is refused without checking the password, even the right one
        HttpResponse<String> throttled = session.signIn(name, "viewer-password-1234");
        assertThat(throttled.headers().firstValue("Location")).hasValue("/login?error=throttled");
        assertThat(session.get("/login?error=throttled").body()).contains("Too many failed sign-ins");
        HttpResponse<String> basic = send("GET", "/api/rules", basic(name, "viewer-password-1234"), null, null);
        assertThat(basic.statusCode()).isEqualTo(429);
        assertThat(basic.headers().firstValue("Retry-After")).isPresent();
        assertThat(entries(new AuditQuery(null, "sign-in.failed", null, name, null, null))).hasSize(5);

        // an admin's password reset unlocks the account at once
        UserAccount account = accounts.find(name).orElseThrow();
        accounts.resetPassword(account.id(), "a-new-password-5678");
        new SignedInSession(port).signedInAs(name, "a-new-password-5678");
    }

    @Test
    void aDisabledAccountIsSignedOutEverywhereAndSaysSoOnlyToWhoKnowsItsPassword() {
        String name = newUser(Role.EDITOR, "editor-password-1234");
        SignedInSession session = new SignedInSession(port).signedInAs(name, "editor-password-1234");
        accounts.setEnabled(accounts.find(name).orElseThrow().id(), false);
        assertThat(session.get("/rules").statusCode()).isEqualTo(302);
        assertThat(new SignedInSession(port).signIn(name, "wrong-password-xx").headers().firstValue("Location"))
                .hasValue("/login?error=credentials");
        assertThat(new SignedInSession(port).signIn(name, "editor-password-1234").headers().firstValue("Location"))
                .hasValue("/login?error=disabled");
        assertThat(send("GET", "/api/rules", basic(name, "editor-password-1234"), null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void changingTheOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        String name = newUser(Role.VIEWER, "viewer-password-1234");
        SignedInSession other = new SignedInSession(port).signedInAs(name, "viewer-password-1234");
        SignedInSession session = new SignedInSession(port).signedInAs(name, "viewer-password-1234");
        String token = session.csrfTokenOf("/account/password");
        HttpResponse<String> wrong = session.postForm("/account/password", Map.of("_csrf", token,
                "current", "not-the-password", "password", "new-password-9876", "confirmation", "new-password-9876"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not right.");
        HttpResponse<String> tooShort = session.postForm("/account/password", Map.of("_csrf", token,
                "current", "viewer-password-1234", "password", "short", "confirmation", "short"));
        assertThat(tooShort.body()).contains("at least 12 characters");
        HttpResponse<String> changed = session.postForm("/account/password", Map.of("_csrf", token,
                "current", "viewer-password-1234", "password", "new-password-9876", "confirmation", "new-password-9876"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(session.get("/account/password?changed").body()).contains("Your password is changed");
        assertThat(other.get("/rules").statusCode()).as("the other session ended").isEqualTo(302);
        assertThat(new SignedInSession(port).signIn(name, "viewer-password-1234").headers().firstValue("Location"))
                .hasValue("/login?error=credentials");
        new SignedInSession(port).signedInAs(name, "new-password-9876");
    }

    @Test
    void pagesHideWhatTheRoleMayNotDo() {
        Map<Role, String> pages = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            pages.put(role, new SignedInSession(port).signedInAs(TestCredentials.username(role),
                    TestCredentials.password(role)).get("/rules").body());
        }
        assertThat(pages.get(Role.VIEWER)).contains("Signed in as").doesNotContain("href=\"/rules/new\"")
                .doesNotContain("href=\"/admin/users\"");
        assertThat(pages.get(Role.EDITOR)).contains("href=\"/rules/new\"").doesNotContain("href=\"/admin/users\"");
        assertThat(pages.get(Role.ADMIN)).contains("href=\"/rules/new\"", "href=\"/admin/users\"");
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledOrDemoted() {
        // in one transaction that is rolled back: the other tests keep their admins
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            List<UserAccount> admins = accounts.all().stream().filter(a -> a.role() == Role.ADMIN && a.enabled())
                    .toList();
            for (UserAccount admin : admins.subList(1, admins.size())) {
                accounts.setEnabled(admin.id(), false);
            }
            UserAccount last = admins.get(0);
            assertThatThrownBy(() -> accounts.setEnabled(last.id(), false)).isInstanceOf(AccountChangeRefused.class)
                    .hasMessageContaining("last enabled admin");
            assertThatThrownBy(() -> accounts.changeRole(last.id(), Role.EDITOR))
                    .isInstanceOf(AccountChangeRefused.class);
        });
        assertThat(accounts.all().stream().filter(a -> a.role() == Role.ADMIN && a.enabled()).count())
                .isGreaterThan(1);
    }

    @Test
    void accountsWithOneNameAreCreatedOnceWhenInstancesRaceForIt() throws Exception {
        String name = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> create = () -> {
                try {
                    accounts.create(name, Role.ADMIN, "race-password-1234");
                    return true;
                } catch (AccountChangeRefused e) {
                    return false;
                }
            };
            List<Future<Boolean>> results = pool.invokeAll(List.of(create, create, create, create));
            long created = 0;
            for (Future<Boolean> r : results) {
                created += r.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------ CSRF and credentials on the API

    @Test
    void aSessionCannotBeUsedCrossSiteButScriptsWithCredentialsNeedNoToken() {
        String name = newUser(Role.EDITOR, "editor-password-1234");
        SignedInSession session = new SignedInSession(port).signedInAs(name, "editor-password-1234");
        String id = java.util.UUID.randomUUID().toString();
        // what a form on another site can send: text/plain, the session cookie, no token
        HttpResponse<String> crossSite = session.send(HttpRequest.newBuilder(URI.create(session.base() + "/api/rules"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(RULE.formatted(id)))
                .build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("csrf");
        assertThat(send("GET", "/api/rules/" + id, credentials.bearer(Role.VIEWER), null, null).statusCode())
                .isEqualTo(404);
        // the page's own script sends the token
        String token = session.csrfTokenOf("/rules/new");
        HttpResponse<String> withToken = session.send(HttpRequest.newBuilder(URI.create(session.base() + "/api/rules"))
                .header("Content-Type", "application/yaml").header("X-CSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(RULE.formatted(id))).build());
        assertThat(withToken.statusCode()).isEqualTo(201);
        // HTTP Basic needs no token
        String other = java.util.UUID.randomUUID().toString();
        assertThat(send("POST", "/api/rules", basic(TestCredentials.username(Role.EDITOR),
                TestCredentials.password(Role.EDITOR)), "application/yaml", RULE.formatted(other)).statusCode())
                .isEqualTo(201);
        assertThat(entries(new AuditQuery(name, "rule.created", "rule", id, null, null))).hasSize(1);
        assertThat(entries(new AuditQuery(TestCredentials.username(Role.EDITOR), "rule.created", "rule", other, null,
                null))).hasSize(1);
    }

    @Test
    void httpBasicWorksWithTheSameAccounts() {
        HttpResponse<String> ok = send("GET", "/api/rules?size=1", basic(TestCredentials.username(Role.VIEWER),
                TestCredentials.password(Role.VIEWER)), null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = send("GET", "/api/rules?size=1", basic(TestCredentials.username(Role.VIEWER),
                "not-the-password"), null, null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
    }

    // ------------------------------------------------------------------ API keys

    @Test
    void apiKeysAreCreatedOnceShownListedByPrefixAndRefusedWhenWrongExpiredOrRevoked() {
        String admin = credentials.bearer(Role.ADMIN);
        String name = unique("soar");
        HttpResponse<String> created = send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"" + name + "\",\"role\":\"editor\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        String secret = key.path("secret").asString();
        assertThat(secret).matches("dhk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/api-keys/" + key.path("id").asLong());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key WHERE secret_hash = :s OR prefix = :s").param("s", secret)
                .query(Long.class).single()).as("the secret is not stored").isZero();

        assertThat(send("GET", "/api/rules?size=1", "Bearer " + secret, null, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/admin/api-keys/1", "Bearer " + secret, null, null).statusCode())
                .as("an editor key is no admin").isEqualTo(403);
        JsonNode listed = listed(admin, name);
        assertThat(listed.path("prefix").asString()).isEqualTo(secret.substring(0, 12));
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.path("lastUsedAt").isMissingNode() || listed.path("lastUsedAt").isNull()).isFalse();
        assertThat(listed.path("status").asString()).isEqualTo("active");

        String wrong = secret.substring(0, 13) + (secret.charAt(13) == 'A' ? 'B' : 'A') + secret.substring(14);
        assertThat(send("GET", "/api/rules?size=1", "Bearer " + wrong, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/rules?size=1", "Bearer not-a-key", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/rules?size=1", "Bearer dhk_aaaaaaaa_" + "A".repeat(43), null, null)
                .statusCode()).as("unknown prefix").isEqualTo(401);

        long id = key.path("id").asLong();
        assertThat(send("DELETE", "/api/admin/api-keys/" + id, admin, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = send("GET", "/api/rules?size=1", "Bearer " + secret, null, null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(listed(admin, name).path("status").asString()).isEqualTo("revoked");
        assertThat(send("DELETE", "/api/admin/api-keys/999999999", admin, null, null).statusCode()).isEqualTo(404);

        assertThat(entries(new AuditQuery(credentials.keyActor(Role.ADMIN), null, "api-key", Long.toString(id), null,
                null))).extracting(AuditEntry::action).containsExactlyInAnyOrder("api-key.created", "api-key.revoked");
        assertThat(entries(new AuditQuery(null, "sign-in.failed", null, "api-key:" + name, null, null)))
                .as("the wrong and the revoked secret of a known key").hasSize(2);
    }

    @Test
    void expiredApiKeysAreRefused() {
        String admin = credentials.bearer(Role.ADMIN);
        String name = unique("ci");
        JsonNode key = JSON.readTree(send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"" + name + "\",\"role\":\"viewer\"}").body());
        String secret = key.path("secret").asString();
        assertThat(send("GET", "/api/rules?size=1", "Bearer " + secret, null, null).statusCode()).isEqualTo(200);
        jdbc.sql("UPDATE api_key SET expires_at = :past WHERE id = :id")
                .param("past", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1))
                .param("id", key.path("id").asLong()).update();
        assertThat(send("GET", "/api/rules?size=1", "Bearer " + secret, null, null).statusCode()).isEqualTo(401);
        assertThat(listed(admin, name).path("status").asString()).isEqualTo("expired");
    }

    @Test
    void badApiKeyRequestsAreRefusedWithProblemDetails() {
        String admin = credentials.bearer(Role.ADMIN);
        assertThat(send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"x\",\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"has spaces\",\"role\":\"viewer\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"past\",\"role\":\"viewer\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}").statusCode())
                .isEqualTo(400);
        String name = unique("dup");
        assertThat(send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"" + name + "\",\"role\":\"viewer\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = send("POST", "/api/admin/api-keys", admin, "application/json",
                "{\"name\":\"" + name.toUpperCase() + "\",\"role\":\"viewer\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
    }

    // ------------------------------------------------------------------ headers, redirects, Host

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : List.of("/login", "/api/rules", "/css/app.css", "/no-such-page", "/actuator/health")) {
            HttpResponse<String> answer = send("GET", path, null, null, null);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                            .doesNotContain("unsafe-inline"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path)
                    .hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void swaggerUiAloneMayApplyInlineStylesAndNoPageMayRunInlineScript() {
        HttpResponse<String> swagger = send("GET", "/swagger-ui/index.html", credentials.bearer(Role.VIEWER), null, null);
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.headers().allValues("Content-Security-Policy")).singleElement().satisfies(csp ->
                assertThat(csp).contains("style-src 'self' 'unsafe-inline'", "script-src 'self';"));
        assertThat(send("GET", "/login", null, null, null).headers().allValues("Content-Security-Policy"))
                .singleElement().satisfies(csp -> assertThat(csp).doesNotContain("unsafe-inline"));
    }

    @Test
    void aForeignHostHeaderNeverEndsUpInAnAnswer() throws IOException {
        String toSignIn = raw("GET /rules HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(toSignIn).contains("Location: /login\r\n").doesNotContain("evil.example");

        String id = java.util.UUID.randomUUID().toString();
        String body = RULE.formatted(id);
        String created = raw("POST /api/rules HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\nAuthorization: "
                + credentials.bearer(Role.EDITOR) + "\r\nContent-Type: application/yaml\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        assertThat(created).startsWith("HTTP/1.1 201").contains("Location: /api/rules/" + id + "\r\n")
                .doesNotContain("evil.example");

        String pageRedirect = raw("POST /rules/" + id + "/delete HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n"
                + "Authorization: " + credentials.bearer(Role.EDITOR) + "\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 9\r\n\r\nversion=0");
        assertThat(pageRedirect).startsWith("HTTP/1.1 302").doesNotContain("evil.example");

        String apiDocs = raw("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\nAuthorization: "
                + credentials.bearer(Role.VIEWER) + "\r\n\r\n");
        assertThat(apiDocs).contains("\"servers\":[{\"url\":\"/\"").doesNotContain("evil.example");
    }

    // ------------------------------------------------------------------ audit

    @Test
    void theAuditLogIsAppendOnlyInTheDatabase() {
        String name = newUser(Role.VIEWER, "viewer-password-1234");
        long id = jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE object_id = :n").param("n", name)
                .query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET actor = 'someone else' WHERE id = :id")
                .param("id", id).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE id = :id").param("id", id).update())
                .hasStackTraceContaining("append-only");
        assertThat(entries(new AuditQuery(null, "user.created", "user", name, null, null))).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(Actors.SYSTEM));
    }

    @Test
    void adminsReadTheAuditLogOverTheApiWithFilters() {
        String id = java.util.UUID.randomUUID().toString();
        assertThat(send("POST", "/api/rules", credentials.bearer(Role.EDITOR), "application/yaml", RULE.formatted(id))
                .statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/rules/" + id, credentials.bearer(Role.EDITOR), null, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> read = send("GET", "/api/admin/audit?objectType=rule&objectId=" + id + "&action=rule.",
                credentials.bearer(Role.ADMIN), null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(read.body());
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("items").get(0).path("action").asString()).isEqualTo("rule.deleted");
        assertThat(page.path("items").get(0).path("actor").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        assertThat(page.path("items").get(0).path("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(page.path("items").get(1).path("action").asString()).isEqualTo("rule.created");
        assertThat(JSON.readTree(send("GET", "/api/admin/audit?objectId=" + id + "&from=2000-01-01&to=2000-01-02",
                credentials.bearer(Role.ADMIN), null, null).body()).path("total").asInt()).isZero();
        assertThat(send("GET", "/api/admin/audit?from=yesterday", credentials.bearer(Role.ADMIN), null, null)
                .statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/admin/audit?size=100000", credentials.bearer(Role.ADMIN), null, null)
                .statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/admin/audit", credentials.bearer(Role.EDITOR), null, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void targetChangesAndCatalogueLoadsAreAuditedWithTheirPrincipal() {
        String editor = credentials.bearer(Role.EDITOR);
        String name = unique("audited").toLowerCase();
        String target = """
                name: %s
                description: audited target
                logsources:
                  - category: process_creation
                    table: Audited_CL
                tables:
                  Audited_CL:
                    timestamp: TimeGenerated
                    columns: {TimeGenerated: datetime, ProcessPath: string}
                    fields: {Image: ProcessPath}
                """.formatted(name);
        HttpResponse<String> created = send("POST", "/api/targets", editor, "application/yaml", target);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(send("DELETE", "/api/targets/" + name, editor, null, null).statusCode()).isEqualTo(204);
        assertThat(entries(new AuditQuery(credentials.keyActor(Role.EDITOR), "target.", "target", name, null, null)))
                .extracting(AuditEntry::action).containsExactly("target.deleted", "target.created");

        String admin = credentials.bearer(Role.ADMIN);
        String index = """
                {"formatVersion": 1, "provenance": {"sources": ["audit test"], "version": "t", "generatedAt": "now",
                 "notice": "test"}, "techniques": [{"techniqueId": "T1059", "displayName": "Command", "tactics": [],
                 "tests": []}]}
                """;
        HttpResponse<String> loaded = send("PUT", "/api/admin/atomics", admin, "application/json", index);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(send("DELETE", "/api/admin/atomics", admin, null, null).statusCode()).isEqualTo(204);
        List<AuditEntry> catalogue = entries(new AuditQuery(credentials.keyActor(Role.ADMIN), "catalogue.",
                "catalogue", "atomics", null, null));
        assertThat(catalogue).extracting(AuditEntry::action).startsWith("catalogue.reset", "catalogue.loaded");
        assertThat(catalogue.get(1).summary()).contains("1 techniques");
    }

    @Test
    void adminsManageAccountsOnTheUsersPage() {
        SignedInSession admin = new SignedInSession(port).signedInAs(TestCredentials.username(Role.ADMIN),
                TestCredentials.password(Role.ADMIN));
        String token = admin.csrfTokenOf("/admin/users");
        String name = unique("page-user");
        HttpResponse<String> created = admin.postForm("/admin/users", Map.of("_csrf", token, "username", name,
                "role", "editor", "password", ""));
        assertThat(created.statusCode()).isEqualTo(200);
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("class=\"secret\">([^<]+)<")
                .matcher(created.body());
        assertThat(shown.find()).as("the generated password is shown once").isTrue();
        String password = shown.group(1);
        SignedInSession user = new SignedInSession(port).signedInAs(name, password);
        assertThat(admin.get("/admin/users").body()).contains(name).doesNotContain(password);

        long id = accounts.find(name).orElseThrow().id();
        HttpResponse<String> demoted = admin.postForm("/admin/users/" + id + "/role", Map.of("_csrf", token,
                "role", "viewer"));
        assertThat(demoted.headers().firstValue("Location")).hasValue("/admin/users?notice=role");
        assertThat(accounts.find(name)).map(UserAccount::role).hasValue(Role.VIEWER);
        assertThat(user.get("/rules").statusCode()).as("a role change ends the sessions").isEqualTo(302);

        HttpResponse<String> disabled = admin.postForm("/admin/users/" + id + "/enabled", Map.of("_csrf", token,
                "enabled", "false"));
        assertThat(disabled.headers().firstValue("Location")).hasValue("/admin/users?notice=disabled");
        assertThat(new SignedInSession(port).signIn(name, password).headers().firstValue("Location"))
                .hasValue("/login?error=disabled");
        HttpResponse<String> duplicate = admin.postForm("/admin/users", Map.of("_csrf", token, "username", name,
                "role", "viewer", "password", "long-enough-password"));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body()).contains("There is already an account named");
        assertThat(entries(new AuditQuery(TestCredentials.username(Role.ADMIN), "user.", "user", name, null, null)))
                .extracting(AuditEntry::action).containsExactly("user.disabled", "user.role-changed", "user.created");
        assertThat(admin.get("/admin/audit?objectId=" + name).body()).contains("user.role-changed", "role editor -&gt; viewer");
    }

    // ------------------------------------------------------------------ helpers

    List<AuditEntry> entries(AuditQuery query) {
        return audit.search(query, 0, 200).entries();
    }

    JsonNode listed(String admin, String name) {
        for (JsonNode k : JSON.readTree(send("GET", "/api/admin/api-keys", admin, null, null).body())) {
            if (k.path("name").asString().equals(name)) {
                return k;
            }
        }
        throw new AssertionError("key " + name + " not listed");
    }

    static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if ((method.equals("PUT") || method.equals("DELETE"))
                && (path.startsWith("/api/rules/") || path.startsWith("/api/targets/"))) {
            request.header("If-Match", "*"); // versioned resources: these tests change whatever is stored
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request written by hand (Java's client will not send a foreign Host header); the whole answer. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

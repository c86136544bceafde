package io.detectionhub.testsupport;

import io.detectionhub.security.Role;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.security.apikeys.ApiKeys;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * Who the tests are: one account ({@code test-viewer}, {@code test-editor}, {@code test-admin}) and one API key per
 * role, created in the test context's database on first use. The context's {@code RestTestClient} sends the admin's
 * API key unless a request names its own {@code Authorization}; {@link #http(Role)} is a plain {@link HttpClient} that
 * does the same. Tests of permissions name their caller explicitly.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCredentials {

    private final UserAccounts accounts;
    private final ApiKeys keys;
    private final Map<Role, String> secrets = new EnumMap<>(Role.class);
    private final Map<Role, String> keyNames = new EnumMap<>(Role.class);

    public TestCredentials(UserAccounts accounts, ApiKeys keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @Bean
    static RestTestClientBuilderCustomizer adminApiKey(org.springframework.beans.factory.ObjectProvider<TestCredentials> credentials) {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, credentials.getObject().bearer(Role.ADMIN));
            }
            return execution.execute(request, body);
        });
    }

    /** The test account's name of a role. */
    public static String username(Role role) {
        return "test-" + role.keyword();
    }

    /** The test account's password of a role. */
    public static String password(Role role) {
        return role.keyword() + "-password-for-tests";
    }

    /** {@code Bearer <secret>} of the role's API key. */
    public synchronized String bearer(Role role) {
        ensureCreated();
        return "Bearer " + secrets.get(role);
    }

    /** The actor name of requests made with the role's API key ({@code api-key:<name>}). */
    public synchronized String keyActor(Role role) {
        ensureCreated();
        return "api-key:" + keyNames.get(role);
    }

    /** {@code Basic ...} of the role's test account (costs a password hash per request: use sparingly). */
    public String basic(Role role) {
        ensureCreated();
        return "Basic " + Base64.getEncoder().encodeToString((username(role) + ":" + password(role))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP client whose requests carry the role's API key (unless they name their own Authorization). */
    public HttpClient http(Role role) {
        return new AuthorizingHttpClient(HttpClient.newHttpClient(), bearer(role));
    }

    private synchronized void ensureCreated() {
        if (!secrets.isEmpty()) {
            return;
        }
        for (Role role : Role.values()) {
            if (accounts.find(username(role)).isEmpty()) {
                accounts.create(username(role), role, password(role));
            }
            String name = "test-" + role.keyword() + "-" + System.nanoTime();
            secrets.put(role, keys.create(name, role, null).secret());
            keyNames.put(role, name);
        }
    }
}

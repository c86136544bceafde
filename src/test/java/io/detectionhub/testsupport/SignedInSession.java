package io.detectionhub.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the app over plain HTTP: a cookie jar (the session cookie), no redirects followed, and the CSRF
 * token read from the pages' forms, as a browser would send it.
 */
public final class SignedInSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public SignedInSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Sends the sign-in form as the page does (with the token of the sign-in page); the answer (302). */
    public HttpResponse<String> signIn(String username, String password) {
        String token = csrfTokenOf("/login");
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    /** Signs in and fails unless it worked. */
    public SignedInSession signedInAs(String username, String password) {
        HttpResponse<String> answer = signIn(username, password);
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("/login")) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + answer.statusCode() + " " + location);
        }
        return this;
    }

    /** The CSRF token in a form of the page at {@code path}. */
    public String csrfTokenOf(String path) {
        HttpResponse<String> page = get(path);
        try {
            return csrfTokenIn(page.body());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("no CSRF token in " + path + " (" + page.statusCode() + ")");
        }
    }

    /** The CSRF token of the first form in a page. */
    public static String csrfTokenIn(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }
}

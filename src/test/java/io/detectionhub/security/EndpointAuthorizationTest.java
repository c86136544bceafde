package io.detectionhub.security;

import org.springframework.boot.webmvc.error.ErrorController;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.security.web.DeclaredAccess;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every endpoint and form, tried as an attacker would: the routes come from the handler mappings (every handler of
 * ours) and the OpenAPI document, so a new endpoint is in this test the moment it exists. Each must declare who may
 * call it; anonymous and under-privileged callers are refused (API: 401/403 problem details; pages: a redirect to the
 * sign-in page or the 403 page); the declared role gets through (its answer is neither 401 nor 403). API routes are
 * called with API keys, pages with real sessions signed in through the sign-in form and their CSRF tokens.
 */
@AppTest
class EndpointAuthorizationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** One handler method for one HTTP method and path pattern. */
    record Route(String method, String pattern, String consumes, String produces, String query, DeclaredAccess access,
                 String handler) {

        boolean api() {
            return pattern.startsWith("/api/");
        }

        String path() {
            return pattern.replaceAll("\\{[^}]+}", "999999") + (query.isEmpty() ? "" : "?" + query);
        }

        @Override
        public String toString() {
            return method + " " + pattern + (query.isEmpty() ? "" : "?" + query)
                    + (consumes.isEmpty() ? "" : " [" + consumes + "]") + " (" + access + ")";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyHandlerDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (ours(handler) && DeclaredAccess.of(handler).isEmpty()) {
                undeclared.add(handler.getShortLogMessage() + " " + info);
            }
        });
        assertThat(undeclared).as("handlers without @ViewerRole/@EditorRole/@AdminRole/@PublicAccess").isEmpty();
        assertThat(routes()).hasSizeGreaterThan(60);
    }

    @Test
    void theOpenApiDocumentListsNoEndpointTheHandlerMappingsMiss() {
        JsonNode paths = JSON.readTree(send(null, "GET", "/v3/api-docs", credentials.bearer(Role.VIEWER))
                .body()).path("paths");
        Set<String> routed = new TreeSet<>();
        routes().forEach(r -> routed.add(r.method() + " " + r.pattern()));
        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        System.out.println("Authorization test: " + documented.size() + " operations in the OpenAPI document, "
                + routes().stream().filter(Route::api).count() + " API routes and "
                + routes().stream().filter(r -> !r.api()).count() + " page routes in the handler mappings");
        assertThat(documented).hasSizeGreaterThan(40);
        assertThat(routed).containsAll(documented);
    }

    @TestFactory
    Stream<DynamicTest> apiRefusesAnonymousAndLowerRolesAndLetsTheDeclaredRoleThrough() {
        return routes().stream().filter(Route::api).map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
            HttpResponse<String> anonymous = call(route, null);
            assertThat(anonymous.statusCode()).as("anonymous " + route).isIn(401, 403);
            assertProblem(anonymous, route);
            for (Role role : Role.values()) {
                HttpResponse<String> answer = call(route, credentials.bearer(role));
                if (allowed(route, role)) {
                    assertThat(answer.statusCode()).as(role + " on " + route + ": " + answer.body()).isNotIn(401, 403);
                } else {
                    assertThat(answer.statusCode()).as(role + " on " + route).isEqualTo(403);
                    assertProblem(answer, route);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> pagesAndFormsSendAnonymousToSignInRefuseLowerRolesAndLetTheDeclaredRoleThrough() {
        Map<Role, SignedInSession> sessions = new EnumMap<>(Role.class);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        return routes().stream().filter(r -> !r.api()).map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
            SignedInSession nobody = new SignedInSession(port);
            HttpResponse<String> anonymous = nobody.send(request(route, null, null));
            if (route.access() == DeclaredAccess.PUBLIC) {
                assertThat(anonymous.statusCode()).as("anonymous " + route).isLessThan(400);
                return;
            }
            if (UNSAFE.contains(route.method())) {
                // no session, so no token: CSRF refuses it before anything else
                assertThat(anonymous.statusCode()).as("anonymous " + route).isIn(302, 403);
            } else {
                assertThat(anonymous.statusCode()).as("anonymous " + route).isEqualTo(302);
                assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
            }
            for (Role role : Role.values()) {
                SignedInSession session = sessions.computeIfAbsent(role, r -> new SignedInSession(port)
                        .signedInAs(TestCredentials.username(r), TestCredentials.password(r)));
                String token = tokens.computeIfAbsent(role, r -> session.csrfTokenOf("/account/password"));
                HttpResponse<String> answer = session.send(request(route, null, token));
                if (allowed(route, role)) {
                    assertThat(answer.statusCode()).as(role + " on " + route).isNotIn(401, 403);
                    assertThat(answer.headers().firstValue("Location").orElse("")).as(role + " on " + route)
                            .doesNotStartWith("/login");
                } else {
                    assertThat(answer.statusCode()).as(role + " on " + route).isEqualTo(403);
                    assertThat(answer.body()).as(role + " on " + route).contains("Not allowed");
                }
                if (UNSAFE.contains(route.method()) && allowed(route, role)) {
                    HttpResponse<String> withoutToken = session.send(request(route, null, null));
                    assertThat(withoutToken.statusCode()).as(role + " without CSRF token on " + route).isEqualTo(403);
                }
            }
        }));
    }

    @Test
    void onlyTheHealthProbesOfActuatorAreServed() {
        assertThat(send(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send(null, "GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/info", "/actuator/beans",
                "/actuator/configprops")) {
            assertThat(send(null, "GET", path, credentials.bearer(Role.ADMIN)).statusCode()).as(path)
                    .isIn(403, 404);
        }
    }

    @Test
    void theApiDocumentAndSwaggerUiNeedAViewer() {
        assertThat(send(null, "GET", "/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(send(null, "GET", "/swagger-ui/index.html", null).statusCode()).isIn(302, 401);
        assertThat(send(null, "GET", "/v3/api-docs", credentials.bearer(Role.VIEWER)).statusCode())
                .isEqualTo(200);
    }

    private boolean allowed(Route route, Role role) {
        return route.access().role().map(role::includes).orElse(true);
    }

    private HttpResponse<String> call(Route route, String authorization) {
        return send(route, route.method(), route.path(), authorization);
    }

    private HttpRequest request(Route route, String authorization, String csrfToken) {
        return build(route, route.method(), route.path(), authorization, csrfToken);
    }

    private HttpRequest build(Route route, String method, String path, String authorization, String csrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.header("Accept", route == null || route.produces().isEmpty()
                ? (route != null && !route.api() ? "text/html" : "*/*") : route.produces());
        if (route != null && UNSAFE.contains(method) && !"DELETE".equals(method)) {
            String type = route.consumes().isEmpty()
                    ? (route.api() ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                    : route.consumes();
            String body;
            if (type.startsWith("multipart/")) {
                type = "multipart/form-data; boundary=b";
                body = "--b--\r\n";
            } else if (type.contains("json")) {
                body = "{}";
            } else if (type.equals(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                body = csrfToken == null ? "x=1" : "_csrf=" + csrfToken;
            } else {
                body = "x";
            }
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            if (csrfToken != null) {
                request.header("X-CSRF-TOKEN", csrfToken);
            }
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private HttpResponse<String> send(Route route, String method, String path, String authorization) {
        try {
            return http.send(build(route, method, path, authorization, null),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> answer, Route route) {
        assertThat(answer.headers().firstValue("Content-Type")).as(route.toString())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(answer.statusCode());
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!ours(handler)) {
                return;
            }
            DeclaredAccess access = DeclaredAccess.of(handler).orElse(null);
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET");
            }
            String consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
                    .map(MediaType::toString).orElse("");
            String produces = info.getProducesCondition().getProducibleMediaTypes().stream().findFirst()
                    .map(MediaType::toString).orElse("");
            String query = String.join("&", info.getParamsCondition().getExpressions().stream()
                    .map(Object::toString).toList());
            for (String pattern : patterns(info)) {
                for (String method : methods) {
                    routes.add(new Route(method, pattern, consumes, produces, query, access,
                            handler.getShortLogMessage()));
                }
            }
        });
        return routes;
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPatternValues();
    }

    /** Our handlers, without the error endpoint (it answers for requests already refused or failed). */
    private static boolean ours(HandlerMethod handler) {
        return handler.getBeanType().getPackageName().startsWith("io.detectionhub")
                && !ErrorController.class.isAssignableFrom(handler.getBeanType());
    }
}

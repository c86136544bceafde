package io.detectionhub.security.web;

import io.detectionhub.security.signin.SignInThrottledException;
import io.detectionhub.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401, 403 and 429 on the API as RFC 9457 problem details. The 401 names the schemes that work; it challenges with
 * Bearer only, so a browser opening an API address shows the problem rather than a password dialog.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Bearer realm=\"Detection Hub\"";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            long seconds = Math.max(1, Duration.between(Instant.now(), throttled.retryAfter()).toSeconds());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures",
                    "Too many failed sign-ins", "Too many failed sign-ins for this account or from this address. "
                            + "Try again in " + ((seconds + 59) / 60) + " minute(s)."));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        boolean triedCredentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                triedCredentials
                        ? "The credentials sent are not valid: a wrong name or password, or an unknown, expired or "
                        + "revoked API key."
                        : "Send an API key (Authorization: Bearer <key>) or a user's name and password (HTTP Basic),"
                        + " or sign in at /login."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            write(request, response, Problems.of(HttpStatus.FORBIDDEN, "csrf", "Missing or invalid CSRF token",
                    "A request signed in by a browser session must carry the page's CSRF token (header X-CSRF-TOKEN). "
                            + "Scripts send an API key or HTTP Basic credentials instead, which need none."));
            return;
        }
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                "Your role does not allow this. Viewers read and evaluate, editors also change rules and targets, "
                        + "admins also manage accounts, API keys and catalogues."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}

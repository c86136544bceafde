package io.detectionhub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a query string whose percent-encoded bytes are not UTF-8 with 400, before anything reads the parameters.
 * Tomcat only notes such a failure when the parameters are first parsed, and whoever parses them first (the security
 * filters look the handler up) would swallow it: the controller would then run without the parameter, e.g. translate
 * for the default target instead of refusing {@code target=caf%E9}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class QueryStringEncodingFilter extends OncePerRequestFilter {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || query.indexOf('%') < 0 || isUtf8(query)) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "The query string is not valid UTF-8 once its %-escapes are decoded; encode parameters as UTF-8.";
        String path = request.getRequestURI();
        if (path.startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
            problem.setInstance(Problems.instance(path));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.members(problem));
        } else {
            response.sendError(HttpStatus.BAD_REQUEST.value(), detail);
        }
    }

    /** Whether the bytes the %-escapes stand for (other characters as they are) form valid UTF-8. */
    static boolean isUtf8(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' && i + 2 < query.length() && hex(query.charAt(i + 1)) >= 0 && hex(query.charAt(i + 2)) >= 0) {
                bytes.write(hex(query.charAt(i + 1)) * 16 + hex(query.charAt(i + 2)));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem details as every module writes them: a status, a type under {@value #TYPE_BASE} (stable, clients
 * branch on it), a short title and a detail written for the person reading it.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://detectionhub.io/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The {@code instance} of a problem about a request: its path, when it is a short, well-formed URI reference
     * (a refused request's path may be neither), else null.
     */
    static URI instance(String path) {
        if (path == null || path.isEmpty() || path.length() > 300) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The JSON members of a problem, for code that writes the response itself (filters, the error endpoint, the
     * server's error report) rather than through Spring MVC's converters: the standard members, then the extensions.
     */
    static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}

package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

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
}

package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem details for errors that carry none of their own: an exception no handler knows (a 500), a status set by a
 * filter, or a request the server refused before the application saw it. They say what the status means and never
 * repeat an exception's message.
 */
final class StatusProblems {

    private StatusProblems() {
    }

    /** True for the REST API's paths, whose errors are always problem details. */
    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** A problem for an error the application saw (via the error endpoint). */
    static ProblemDetail of(HttpStatus status, String path) {
        return problem(status, path, switch (status) {
            case BAD_REQUEST -> "The request could not be understood: a parameter, a header or part of the address is "
                    + "malformed, or not valid UTF-8.";
            case NOT_FOUND -> "There is nothing at this address; the API is described at /v3/api-docs.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case CONTENT_TOO_LARGE -> "The request body is over the configured size limit.";
            default -> status.is5xxServerError()
                    ? "The server could not complete the request. Try again; if it keeps happening, the server log "
                    + "says why."
                    : status.getReasonPhrase() + ".";
        });
    }

    /** A problem for a request the server refused before it reached the application (URL or header parsing). */
    static ProblemDetail refusedByServer(HttpStatus status, String path) {
        if (status != HttpStatus.BAD_REQUEST) {
            return of(status, path);
        }
        return problem(status, path, "The server refused the request before it reached the application: the address "
                + "holds characters that are not allowed (such as an encoded slash, %2F, or a broken %-escape), or the "
                + "request line and headers are over the server's size limit (a search text of thousands of "
                + "characters, for example).");
    }

    /** The problem type of a status: its name ({@code bad-request}); one type for every server error. */
    static String type(HttpStatus status) {
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            return "payload-too-large";
        }
        return status.is5xxServerError() ? "server-error"
                : status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static ProblemDetail problem(HttpStatus status, String path, String detail) {
        ProblemDetail problem = Problems.of(status, type(status), status.getReasonPhrase(), detail);
        problem.setInstance(Problems.instance(path));
        return problem;
    }
}

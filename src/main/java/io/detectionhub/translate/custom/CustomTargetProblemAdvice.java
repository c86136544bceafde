package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details for the targets API: 400 with every problem of a definition (extension {@code errors}:
 * {@code [{message, path}]}), 404 unknown target, 409 name taken / read-only / still a base, 412 stale If-Match,
 * 422 when a translation cannot be made or a stored target no longer loads. Other errors fall through to the
 * application-wide advice. Covers the KQL endpoints of {@code io.detectionhub.translate} too (a stored target that
 * no longer loads is a 422 there as well).
 */
@RestControllerAdvice(basePackages = "io.detectionhub.translate")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CustomTargetProblemAdvice {

    private static final String TYPE_BASE = "https://detectionhub.io/problems/";

    @ExceptionHandler(TargetDefinitionException.class)
    public ProblemDetail invalidDefinition(TargetDefinitionException e) {
        List<String> problems = e.problems();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-target", "Invalid target definition",
                problems.size() == 1 ? problems.get(0) : problems.size() + " problems, the first: " + problems.get(0));
        problem.setProperty("errors", errors(problems));
        return problem;
    }

    @ExceptionHandler(UnknownTargetException.class)
    public ProblemDetail unknown(UnknownTargetException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "target-not-found", "Target not found", e.getMessage());
        problem.setProperty("target", TargetResolver.printable(e.targetName()));
        return problem;
    }

    @ExceptionHandler(TargetConflictException.class)
    public ProblemDetail conflict(TargetConflictException e) {
        return problem(HttpStatus.CONFLICT, "target-conflict", "Target conflict", e.getMessage());
    }

    @ExceptionHandler(TargetVersionMismatchException.class)
    public ProblemDetail stale(TargetVersionMismatchException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "version-conflict", "Target changed meanwhile", e.getMessage());
    }

    @ExceptionHandler(BrokenTargetException.class)
    public ProblemDetail broken(BrokenTargetException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "target-does-not-load",
                "Target does not load", e.getMessage());
        problem.setProperty("errors", errors(e.problems()));
        return problem;
    }

    @ExceptionHandler(UntranslatableRuleException.class)
    public ProblemDetail untranslatable(UntranslatableRuleException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "untranslatable-rule",
                "Rule cannot be translated for this target", e.reason());
        problem.setProperty("reason", e.category());
        return problem;
    }

    static List<Map<String, Object>> errors(List<String> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            int colon = p.indexOf(": ");
            boolean hasPath = colon > 0 && !p.substring(0, colon).contains(" ");
            error.put("message", hasPath ? p.substring(colon + 2) : p);
            error.put("path", hasPath ? p.substring(0, colon) : "");
            return error;
        }).toList();
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}

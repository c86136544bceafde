package io.detectionhub.translate.web;

import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.translate.custom.BrokenTargetException;
import io.detectionhub.translate.custom.TargetConflictException;
import io.detectionhub.translate.custom.TargetVersionMismatchException;
import io.detectionhub.web.ETags;
import io.detectionhub.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details for the KQL translation and targets APIs: 400 with every problem of a definition (extension
 * {@code errors}: {@code [{message, path}]}), 409 name taken / read-only / still a base, 412 stale If-Match, 422 when a
 * translation cannot be made ({@code reason}, and its {@code category} without rule-specific values) or a stored
 * target no longer loads. An unknown target is an {@link io.detectionhub.translate.UnknownTargetException} (404, its
 * own problem details); other errors fall through to the application-wide advice.
 */
@RestControllerAdvice(basePackages = "io.detectionhub.translate")
@Order(Ordered.HIGHEST_PRECEDENCE)
class TranslationProblemAdvice {

    @ExceptionHandler(TargetDefinitionException.class)
    ProblemDetail invalidDefinition(TargetDefinitionException e) {
        List<String> problems = e.problems();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-target", "Invalid target definition",
                problems.size() == 1 ? problems.get(0) : problems.size() + " problems, the first: " + problems.get(0));
        problem.setProperty("errors", errors(problems));
        return problem;
    }

    @ExceptionHandler(TargetConflictException.class)
    ProblemDetail conflict(TargetConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "target-conflict", "Target conflict", e.getMessage());
    }

    @ExceptionHandler(TargetVersionMismatchException.class)
    ResponseEntity<ProblemDetail> stale(TargetVersionMismatchException e) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, "version-conflict",
                "Target changed meanwhile", e.getMessage());
        problem.setProperty("currentVersion", e.current().version());
        problem.setProperty("changedBy", e.current().changedBy());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(ETags.of(e.current().version()))
                .body(problem);
    }

    @ExceptionHandler(BrokenTargetException.class)
    ProblemDetail broken(BrokenTargetException e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "target-does-not-load",
                "Target does not load", e.getMessage());
        problem.setProperty("errors", errors(e.problems()));
        return problem;
    }

    @ExceptionHandler(UntranslatableRuleException.class)
    ProblemDetail untranslatable(UntranslatableRuleException e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "untranslatable-rule",
                "Rule cannot be translated for this target", e.reason());
        problem.setProperty("reason", e.reason());
        problem.setProperty("category", e.category());
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
}

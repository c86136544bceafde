package io.detectionhub.evaluate.web;

import io.detectionhub.sigma.evaluation.event.EventFormatException;
import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** Upload problems of the evaluation endpoints as RFC 9457 problem details: 413 over a limit, 400 unreadable. */
@RestControllerAdvice(assignableTypes = EvaluationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EvaluationProblemAdvice {

    private static final String TYPE_BASE = "https://detectionhub.io/problems/";

    @ExceptionHandler(EventLimitExceededException.class)
    ResponseEntity<ProblemDetail> overLimit(EventLimitExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + "payload-too-large"));
        problem.setTitle("Upload over the evaluation limits");
        problem.setProperty("limit", e.limit().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        problem.setProperty("allowed", e.allowed());
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem);
    }

    @ExceptionHandler(EventFormatException.class)
    ProblemDetail unreadable(EventFormatException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPE_BASE + "unreadable-events"));
        problem.setTitle("Events could not be read");
        return problem;
    }
}

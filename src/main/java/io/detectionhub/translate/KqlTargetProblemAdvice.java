package io.detectionhub.translate;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem for a KQL target name that is neither built in nor stored, wherever the KQL API meets one. */
@RestControllerAdvice(assignableTypes = {TranslateApiController.class, TargetApiController.class})
public class KqlTargetProblemAdvice {

    @ExceptionHandler(UnknownTargetException.class)
    public ProblemDetail unknownTarget(UnknownTargetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("https://detectionhub.io/problems/unknown-target"));
        problem.setTitle("Unknown KQL target");
        problem.setProperty("target", e.target());
        return problem;
    }
}

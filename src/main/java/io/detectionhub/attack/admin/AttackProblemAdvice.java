package io.detectionhub.attack.admin;

import io.detectionhub.attack.atomic.AtomicFormatException;
import io.detectionhub.attack.catalog.stix.StixFormatException;
import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import io.detectionhub.sigma.evaluation.event.LimitedInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem details for the ATT&amp;CK feature's own exceptions. */
@RestControllerAdvice(basePackages = "io.detectionhub.attack")
class AttackProblemAdvice {

    /** An archive over its limits, or a body over its byte cap ({@link LimitedInputStream} counts it). */
    @ExceptionHandler({UploadTooLargeException.class, EventLimitExceededException.class})
    ProblemDetail tooLarge(RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        p.setTitle("Upload too large");
        return p;
    }

    @ExceptionHandler({StixFormatException.class, AtomicFormatException.class})
    ProblemDetail badCatalogue(RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Unusable catalogue");
        return p;
    }
}

package io.detectionhub.web;

import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details for every REST controller ({@code @RestController}; page controllers keep their readable
 * error pages), for the errors every feature shares: invalid Sigma, invalid values, unreadable or too large bodies,
 * concurrent changes. Validation problems are listed in the extension property {@code errors}:
 * {@code [{message, line, column, path}]}. A feature's own errors are {@link org.springframework.web.ErrorResponse}s
 * carrying their problem details (answered by the base class), or handled by the feature's own advice.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(SigmaValidationException.class)
    ProblemDetail invalidSigma(SigmaValidationException e) {
        List<SigmaProblem> problems = e.problems();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-sigma", "Invalid Sigma rule",
                problems.size() == 1 ? problems.get(0).toString()
                        : problems.size() + " problems, the first: " + problems.get(0));
        problem.setProperty("errors", problems.stream().map(ApiProblemAdvice::error).toList());
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalidValue(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(v -> error(new SigmaProblem(v.getMessage(), 0, 0, v.getPropertyPath().toString())))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                errors.size() + " invalid value(s), the first: " + errors.get(0).get("path") + " "
                        + errors.get(0).get("message"));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Two writers changed the same rule at the same moment; the loser's transaction was rolled back. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently",
                "Someone else changed this resource at the same moment; read it again and retry.");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(tooLarge(e));
    }

    /** A body over the limit surfaces here when it was read by a message converter. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                        .body(tooLarge(tooLarge));
            }
        }
        JsonProblems.Problem json = JsonProblems.of(ex);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                json.message());
        problem.setProperty("errors", List.of(error(new SigmaProblem(json.message(), json.line(), json.column(),
                json.path()))));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Query parameters that do not bind to the request model (a page that is not a number): each named with the value
     * sent, never with the converter's message (which names Java types).
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> error(new SigmaProblem(invalidParameter(f), 0, 0, f.getField()))).toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                errors.isEmpty() ? "The request's parameters are not valid."
                        : errors.size() + " invalid parameter(s), the first: " + errors.get(0).get("message"));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String invalidParameter(FieldError error) {
        String value = error.getRejectedValue() == null ? "" : RequestText.printable(String.valueOf(
                error.getRejectedValue()));
        List<String> codes = error.getCodes() == null ? List.of() : List.of(error.getCodes());
        String expected = codes.contains("typeMismatch.java.lang.Integer") || codes.contains("typeMismatch.java.lang.Long")
                ? "a whole number" : codes.contains("typeMismatch.java.lang.Boolean") ? "true or false" : "a valid value";
        return error.getField() + ": '" + value + "' is not " + expected;
    }

    /**
     * Spring's own problems (a parameter of the wrong type, a missing parameter or part, a failed binding) get a type
     * of ours too, so that every problem of the API can be told apart by its type.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setType(URI.create(Problems.TYPE_BASE
                    + StatusProblems.type(status == null ? HttpStatus.BAD_REQUEST : status)));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    static ProblemDetail tooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
                e.getMessage());
        problem.setProperty("limitBytes", e.limitBytes());
        return problem;
    }

    private static Map<String, Object> error(SigmaProblem p) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", p.message());
        error.put("line", p.line());
        error.put("column", p.column());
        error.put("path", p.path() == null ? "" : p.path());
        return error;
    }

}

package io.detectionhub.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for requests under {@code /api/} that fail before any controller is chosen (unknown path, method
 * or media type), which controller-scoped advice never sees. Other paths are left to the error pages.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRoutingProblemAdvice {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> routingFailure(Exception e, HttpServletRequest request) throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            throw e;
        }
        HttpStatus status;
        String title;
        String detail;
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof HttpRequestMethodNotSupportedException m) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
            title = "Method not allowed";
            detail = request.getMethod() + " is not supported here; use " + m.getSupportedHttpMethods() + ".";
            if (m.getSupportedHttpMethods() != null) {
                headers.setAllow(m.getSupportedHttpMethods());
            }
        } else if (e instanceof HttpMediaTypeNotSupportedException m) {
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            title = "Unsupported media type";
            detail = "Content type " + m.getContentType() + " is not accepted here; use one of "
                    + m.getSupportedMediaTypes() + ".";
        } else if (e instanceof HttpMediaTypeNotAcceptableException m) {
            status = HttpStatus.NOT_ACCEPTABLE;
            title = "Not acceptable";
            detail = "This resource is available as " + m.getSupportedMediaTypes() + ".";
        } else {
            status = HttpStatus.NOT_FOUND;
            title = "Not found";
            detail = "There is no API resource at " + path + "; see /v3/api-docs.";
        }
        ProblemDetail problem = Problems.of(status, "routing", title, detail);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}

package io.detectionhub.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the answers every change of a versioned resource may give besides its own (OpenAPI): 409 concurrent
 * change, 412 stale {@code If-Match}, 428 no {@code If-Match} ({@link ETags}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "409", description = ETags.CONCURRENT_CHANGE,
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "412", description = ETags.PRECONDITION_FAILED,
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "428", description = ETags.PRECONDITION_REQUIRED,
        content = @Content(mediaType = "application/problem+json"))
public @interface ConditionalChange {
}

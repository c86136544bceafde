package io.detectionhub.security.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are API calls (answered with problem details) rather than pages (answered with a redirect to the
 * sign-in page or an error page): the REST API, the OpenAPI document and actuator.
 */
final class ApiRequests {

    private ApiRequests() {
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/v3/api-docs")
                || path.startsWith("/actuator");
    }
}

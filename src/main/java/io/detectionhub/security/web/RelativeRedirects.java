package io.detectionhub.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.RedirectStrategy;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Every redirect Spring Security sends (after sign-in to the page first asked for, to the sign-in page, after
 * sign-out) is a path on this server: an absolute URL (Spring builds the saved request's from the Host header) is cut
 * to its path and query, and anything that could leave the site ({@code //host}, {@code /\host}) goes to {@code /}.
 * The Location header is set directly, so the container does not make it absolute again.
 */
class RelativeRedirects implements RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) {
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, response.encodeRedirectURL(localPath(request, url)));
    }

    static String localPath(HttpServletRequest request, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return request.getContextPath() + "/";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        if (!uri.isAbsolute() && uri.getRawAuthority() == null) {
            path = request.getContextPath() + path; // a path of ours, as Spring Security passes them
        }
        if (path.startsWith("//") || path.startsWith("/\\") || path.contains("\r") || path.contains("\n")) {
            return request.getContextPath() + "/";
        }
        return path;
    }
}

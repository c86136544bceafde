package io.detectionhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's address: the servlet container's remote address. It is the TCP peer unless the operator names a
 * trusted proxy ({@code server.forward-headers-strategy=native} with {@code server.tomcat.remoteip.internal-proxies}),
 * in which case Tomcat takes it from that proxy's X-Forwarded-For; a header from anyone else is ignored.
 */
public final class RemoteAddresses {

    public static final String UNKNOWN = "unknown";

    private RemoteAddresses() {
    }

    /** The address of the request the current thread serves, or {@value #UNKNOWN} outside of one. */
    public static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return of(attributes.getRequest());
        }
        return UNKNOWN;
    }

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null || address.isBlank() ? UNKNOWN : address;
    }
}

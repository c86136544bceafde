package io.detectionhub.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The name under which a change is recorded (audit log, "changed by" columns): always the authenticated principal,
 * never a name the client sends. A person is their user name ({@code alice}); an API key is {@code api-key:<name>};
 * work that no request started (start-up, scheduled jobs) is {@value #SYSTEM}; a caller who has not signed in is
 * {@value #ANONYMOUS}. User names cannot contain {@code :}, so the kinds cannot be confused.
 */
public final class Actors {

    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";
    public static final String API_KEY_PREFIX = "api-key:";

    private Actors() {
    }

    /** The actor of the current thread's request (or {@value #SYSTEM} outside of one). */
    public static String current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static String of(Authentication authentication) {
        if (authentication == null) {
            return SYSTEM;
        }
        if (authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return ANONYMOUS;
        }
        return authentication.getName();
    }
}

package io.detectionhub.security.signin;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How the current request signs in, for the audit log: the sign-in form, HTTP Basic anywhere else, an API key, or
 * single sign-on ({@code oidc:<provider>}).
 */
public final class SignInMethods {

    public static final String FORM = "form";
    public static final String BASIC = "basic";
    public static final String API_KEY = "api-key";
    /** Single sign-on: {@code oidc:<registration id>}. */
    public static final String SSO_PREFIX = "oidc:";
    public static final String SIGN_IN_PATH = "/login";

    private SignInMethods() {
    }

    static String current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var request = attributes.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return SIGN_IN_PATH.equals(path) ? FORM : BASIC;
        }
        return BASIC;
    }

    /** A tried name as the audit log keeps it: printable, at most 100 characters. */
    public static String shortName(String name) {
        String printable = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}

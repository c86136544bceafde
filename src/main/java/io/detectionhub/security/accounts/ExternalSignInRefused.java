package io.detectionhub.security.accounts;

/**
 * A single sign-on that the provider accepted but this application refuses: {@code reason} is a short code for the
 * sign-in page ({@code disabled}, {@code sso-no-role}, {@code sso-name}, {@code sso-taken}, {@code sso-busy}),
 * {@code detail} says why, for the audit log.
 */
public class ExternalSignInRefused extends RuntimeException {

    private final String reason;

    public ExternalSignInRefused(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

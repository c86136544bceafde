package io.detectionhub.security.apikeys;

import org.springframework.security.authentication.BadCredentialsException;

/** A bearer secret that signs nobody in: malformed, unknown, wrong, expired or revoked (the reason is logged only). */
public class ApiKeyRefused extends BadCredentialsException {

    private final String reason;

    ApiKeyRefused(String reason) {
        super("The API key is not valid (unknown, expired or revoked).");
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

package io.detectionhub.security.signin;

import org.springframework.security.core.AuthenticationException;

import java.time.Instant;

/** Too many failed sign-ins for the account or from the address: refused without checking the password. */
public class SignInThrottledException extends AuthenticationException {

    private final transient Instant retryAfter;

    public SignInThrottledException(Instant retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    public Instant retryAfter() {
        return retryAfter;
    }
}

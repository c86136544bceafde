package io.detectionhub.security.accounts;

/** A change to an account that is not allowed; the message says why, for the person who asked. */
public class AccountChangeRefused extends RuntimeException {

    public AccountChangeRefused(String message) {
        super(message);
    }
}

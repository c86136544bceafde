package io.detectionhub.security;

/**
 * Sign-ins and sign-outs, for the audit log. {@code name} is the account or key that was tried (as typed, cleaned and
 * cut short: it may not exist), {@code method} how ({@code form}, {@code basic}, {@code api-key}; single sign-on adds
 * its own), {@code detail} why a sign-in failed. Successful HTTP Basic and API key requests are not events (they
 * would be one per request); their failures are, bounded by the sign-in throttle.
 */
public sealed interface SignInEvent {

    String name();

    String method();

    record SignedIn(String name, String method) implements SignInEvent {
    }

    record SignInFailed(String name, String method, String detail) implements SignInEvent {
    }

    record SignedOut(String name, String method) implements SignInEvent {
    }
}

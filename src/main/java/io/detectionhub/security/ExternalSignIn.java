package io.detectionhub.security;

/**
 * A way to sign in other than the password form, shown as a button on the sign-in page (e.g. label "Sign in with
 * Entra ID", url "/oauth2/authorization/entra"): single sign-on ({@code security.sso.SingleSignOn}) gives one per
 * configured provider; any other bean of this type adds its own button.
 */
public record ExternalSignIn(String label, String url) {
}

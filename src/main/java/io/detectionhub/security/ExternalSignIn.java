package io.detectionhub.security;

/**
 * A way to sign in other than the password form, shown as a button on the sign-in page: single sign-on registers one
 * bean of this type per identity provider (e.g. label "Sign in with Entra ID", url "/oauth2/authorization/entra").
 */
public record ExternalSignIn(String label, String url) {
}

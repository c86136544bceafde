package io.detectionhub.security.sso;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.Optional;

/**
 * Signing out of Detection Hub after a single sign-on also ends the session at the provider (OpenID Connect
 * RP-initiated logout), so the next "Sign in with ..." asks for the password again instead of signing the person
 * straight back in: the browser goes to the provider's {@code end_session_endpoint} (from its discovery document, never
 * from the request) with the person's ID token as {@code id_token_hint}, and the provider sends it back to the sign-in
 * page. Form, Basic and API-key sessions, and providers without the endpoint, get the usual sign-out redirect.
 */
final class ProviderSignOut implements LogoutSuccessHandler {

    static final String END_SESSION_ENDPOINT = "end_session_endpoint";

    private final ClientRegistrationRepository registrations;
    private final String publicUrl;
    private final String signedOutPath;
    private final LogoutSuccessHandler otherwise;

    /**
     * @param publicUrl     {@code detectionhub.public-url}, or blank to take the request's own address
     * @param signedOutPath where the provider sends the person back (the sign-in page, saying they signed out)
     * @param otherwise     the sign-out redirect of sessions without a provider session to end
     */
    ProviderSignOut(ClientRegistrationRepository registrations, String publicUrl, String signedOutPath,
                    LogoutSuccessHandler otherwise) {
        this.registrations = registrations;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        this.signedOutPath = signedOutPath;
        this.otherwise = otherwise;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
                                Authentication authentication) throws IOException, ServletException {
        Optional<String> providerUrl = endSessionUrl(request, authentication);
        if (providerUrl.isEmpty()) {
            otherwise.onLogoutSuccess(request, response, authentication);
            return;
        }
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, providerUrl.get());
    }

    private Optional<String> endSessionUrl(HttpServletRequest request, Authentication authentication) {
        if (!(authentication instanceof OAuth2AuthenticationToken token)
                || !(token.getPrincipal() instanceof OidcUser person)) {
            return Optional.empty();
        }
        ClientRegistration registration = registrations.findByRegistrationId(
                token.getAuthorizedClientRegistrationId());
        if (registration == null) {
            return Optional.empty();
        }
        Object endpoint = registration.getProviderDetails().getConfigurationMetadata().get(END_SESSION_ENDPOINT);
        if (!(endpoint instanceof String url) || url.isBlank()) {
            return Optional.empty();
        }
        // values as URI variables: encode() then encodes every reserved character in them
        return Optional.of(UriComponentsBuilder.fromUriString(url)
                .queryParam("id_token_hint", "{idToken}")
                .queryParam("client_id", "{clientId}")
                .queryParam("post_logout_redirect_uri", "{signedOut}")
                .encode().buildAndExpand(person.getIdToken().getTokenValue(), registration.getClientId(),
                        signedOutUri(request)).toUriString());
    }

    /** The absolute address of the signed-out page (the provider checks it against the client's registration). */
    private String signedOutUri(HttpServletRequest request) {
        String base = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString()
                : publicUrl;
        return base + signedOutPath;
    }
}

package io.detectionhub.security.sso;

import io.detectionhub.security.ExternalSignIn;
import io.detectionhub.security.RemoteAddresses;
import io.detectionhub.security.SignInEvent;
import io.detectionhub.security.signin.SignInMethods;
import io.detectionhub.security.signin.SignInThrottle;
import io.detectionhub.security.signin.SignInThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single sign-on with the configured OpenID Connect providers: their buttons on the sign-in page and the
 * {@code oauth2Login} part of the security filter chain. Exists only when a provider is configured
 * ({@code spring.security.oauth2.client.registration.*}); without one, nothing of OAuth 2 is in the application.
 * <ul>
 *     <li>{@code /oauth2/authorization/<id>} sends the browser to the provider (state and the authorization request
 *     kept in the session, which is in the database, so any instance can take the answer);</li>
 *     <li>{@code /login/oauth2/code/<id>} takes the answer: the code is exchanged, the ID token checked (signature,
 *     issuer, audience, nonce), and {@link SsoUserService} finds the account and role;</li>
 *     <li>success is audited and sends the person to the page they asked for; failure is audited (the provider's
 *     error code, bounded by the address throttle) and sends them to the sign-in page with the reason.</li>
 * </ul>
 * The provider's access and refresh tokens are not kept: the application needs the person, not their tokens.
 */
public class SingleSignOn {

    private static final Logger LOG = LoggerFactory.getLogger(SingleSignOn.class);

    static final String AUTHORIZATION_PATH = "/oauth2/authorization/";
    static final String CALLBACK_PATH = "/login/oauth2/code/";

    private final InMemoryClientRegistrationRepository registrations;
    private final SsoUserService users;
    private final Map<String, String> labels;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final String publicUrl;

    SingleSignOn(InMemoryClientRegistrationRepository registrations, SsoUserService users, Map<String, String> labels,
                 SignInThrottle throttle, ApplicationEventPublisher events, String publicUrl) {
        this.registrations = registrations;
        this.users = users;
        this.labels = Map.copyOf(labels);
        this.throttle = throttle;
        this.events = events;
        this.publicUrl = publicUrl;
    }

    /** One button per provider, in registration order. */
    public List<ExternalSignIn> signIns() {
        List<ExternalSignIn> signIns = new ArrayList<>();
        for (ClientRegistration registration : registrations) {
            signIns.add(new ExternalSignIn(labels.get(registration.getRegistrationId()),
                    AUTHORIZATION_PATH + registration.getRegistrationId()));
        }
        return signIns;
    }

    /**
     * Checks what the provider sends back to the callback: exchanges the code for tokens (client authentication as
     * registered), validates the ID token (signature from the provider's keys, issuer, audience, expiry, nonce) and
     * hands the person to {@link SsoUserService}. It joins the application's one authentication manager.
     */
    public AuthenticationProvider authenticationProvider() {
        return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
                users);
    }

    /** Adds OpenID Connect login to the chain; {@code success} audits and redirects as the form's success does. */
    public void configure(HttpSecurity http, AuthenticationSuccessHandler success, RedirectStrategy redirects)
            throws Exception {
        http.oauth2Login(login -> login.loginPage(SignInMethods.SIGN_IN_PATH)
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NoTokensKept())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users).userService(new OnlyOpenIdConnect()))
                .successHandler(success)
                .failureHandler((request, response, e) -> failed(request, response, e, redirects)));
        String signedOut = SignInMethods.SIGN_IN_PATH + "?signed-out";
        http.logout(logout -> logout.logoutSuccessHandler(new ProviderSignOut(registrations, publicUrl, signedOut,
                (request, response, authentication) -> redirects.sendRedirect(request, response, signedOut))));
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e,
                        RedirectStrategy redirects) throws IOException {
        String reason = "sso";
        if (e instanceof SsoUserService.Refused refused) {
            reason = refused.getError().getErrorCode();
        } else {
            String address = RemoteAddresses.of(request);
            try {
                throttle.checkAddress(address);
                throttle.failed(address);
                String code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode()
                        : e.getClass().getSimpleName();
                LOG.info("Single sign-on failed at {} from {}: {}", method(request), address,
                        SignInMethods.shortName(e.getMessage()));
                events.publishEvent(new SignInEvent.SignInFailed("(unknown)", method(request),
                        "single sign-on failed: " + SignInMethods.shortName(code)));
            } catch (SignInThrottledException throttled) {
                reason = "throttled";
            }
        }
        redirects.sendRedirect(request, response, SignInMethods.SIGN_IN_PATH + "?error=" + reason);
    }

    private static String method(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String id = path.startsWith(CALLBACK_PATH) ? path.substring(CALLBACK_PATH.length()) : "";
        return SignInMethods.SSO_PREFIX + SignInMethods.shortName(id);
    }

    /** Sign-in needs the person, not their tokens: nothing of the provider's tokens is stored. */
    private static final class NoTokensKept implements OAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
                org.springframework.security.core.Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client,
                                         org.springframework.security.core.Authentication principal,
                                         HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String registrationId,
                                           org.springframework.security.core.Authentication principal,
                                           HttpServletRequest request, HttpServletResponse response) {
        }
    }

    /** Plain OAuth 2 (no ID token) names nobody reliably: refused (start-up checks that every registration asks openid). */
    private static final class OnlyOpenIdConnect implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

        @Override
        public OAuth2User loadUser(OAuth2UserRequest request) {
            throw new OAuth2AuthenticationException(new OAuth2Error("sso", "not an OpenID Connect sign-in", null));
        }
    }
}

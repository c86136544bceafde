package io.detectionhub.security.sso;

import io.detectionhub.security.SecuritySettings;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.security.signin.SignInThrottle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Single sign-on, only when a provider is registered under {@code spring.security.oauth2.client.registration.<id>}
 * (Spring Boot's standard properties; issuer discovery happens at start, so a provider that cannot be reached then
 * stops the start). Checks at start what would otherwise fail at someone's first sign-in: every registration asks for
 * {@code openid}, maps some claim value to a role (or has a default role), and every
 * {@code detectionhub.security.sso.<id>} names a registration. With {@code detectionhub.public-url} set, redirect URIs
 * left at Spring's default ({@code {baseUrl}/...}) are built from it instead of the request's Host header.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnOAuth2ClientRegistrationProperties
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class SingleSignOnConfiguration {

    static final String DEFAULT_REDIRECT_URI = "{baseUrl}/{action}/oauth2/code/{registrationId}";

    @Bean
    InMemoryClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
                                                                      @Value("${detectionhub.public-url:}")
                                                                      String publicUrl) {
        List<ClientRegistration> registrations = new ArrayList<>();
        for (ClientRegistration registration : new OAuth2ClientPropertiesMapper(properties).asClientRegistrations()
                .values()) {
            if (!registration.getScopes().contains(OidcScopes.OPENID)) {
                throw new IllegalStateException("spring.security.oauth2.client.registration."
                        + registration.getRegistrationId() + ".scope must include openid: single sign-on here is"
                        + " OpenID Connect");
            }
            if (!publicUrl.isBlank() && DEFAULT_REDIRECT_URI.equals(registration.getRedirectUri())) {
                registration = ClientRegistration.withClientRegistration(registration)
                        .redirectUri(publicUrl.strip().replaceAll("/+$", "") + "/login/oauth2/code/{registrationId}")
                        .build();
            }
            registrations.add(registration);
        }
        return new InMemoryClientRegistrationRepository(registrations);
    }

    @Bean
    SingleSignOn singleSignOn(InMemoryClientRegistrationRepository registrations, UserAccounts accounts,
                              ApplicationEventPublisher events, SecuritySettings settings, SignInThrottle throttle,
                              @Value("${detectionhub.public-url:}") String publicUrl) {
        Map<String, ClaimRoles> roles = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (ClientRegistration registration : registrations) {
            String id = registration.getRegistrationId();
            SecuritySettings.Sso sso = settings.sso(id);
            roles.put(id, new ClaimRoles(id, sso));
            labels.put(id, sso.label() != null ? sso.label() : "Sign in with " + registration.getClientName());
        }
        TreeSet<String> unknown = new TreeSet<>(settings.sso().keySet());
        unknown.removeAll(roles.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("detectionhub.security.sso." + unknown.first() + " names no provider"
                    + " registration; registered: " + roles.keySet());
        }
        return new SingleSignOn(registrations, new SsoUserService(accounts, events, settings, roles), labels,
                throttle, events, publicUrl);
    }
}

package io.detectionhub.security.sso;

import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;
import io.detectionhub.security.SignInEvent;
import io.detectionhub.security.accounts.ExternalSignInRefused;
import io.detectionhub.security.accounts.UserAccount;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.security.signin.SignInMethods;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a person the OpenID Connect provider vouches for into an account and a role here: the provider's user (ID
 * token, and user info where the provider has it) is loaded as usual, its roles claim is mapped by
 * {@link ClaimRoles}, and {@link UserAccounts#signInExternally} creates, links or finds the account. Refusals (no
 * mapped role, a disabled account, a name that cannot be an account here) are audited as failed sign-ins and end in a
 * {@link Refused} that the sign-in page explains.
 */
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** A sign-in that the provider accepted and this application refused (already in the audit log). */
    static class Refused extends OAuth2AuthenticationException {

        Refused(String reason, String detail) {
            super(new OAuth2Error(reason, detail, null), detail);
        }
    }

    private final OidcUserService provider = new OidcUserService();
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final SecuritySettings settings;
    private final Map<String, ClaimRoles> roles;

    SsoUserService(UserAccounts accounts, ApplicationEventPublisher events, SecuritySettings settings,
                   Map<String, ClaimRoles> roles) {
        this.accounts = accounts;
        this.events = events;
        this.settings = settings;
        this.roles = Map.copyOf(roles);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        String registrationId = request.getClientRegistration().getRegistrationId();
        SecuritySettings.Sso sso = settings.sso(registrationId);
        String method = SignInMethods.SSO_PREFIX + registrationId;
        Map<String, Object> claims = person.getClaims();
        String name = ClaimRoles.values(claims, sso.usernameClaim()).stream().findFirst().orElse("");
        String shown = SignInMethods.shortName(name.isEmpty() ? person.getSubject() : name);
        if (name.isEmpty()) {
            throw refused(shown, method, "sso-name", "the ID token has no " + sso.usernameClaim() + " claim");
        }
        Optional<Role> role = roles.get(registrationId).roleFor(claims);
        if (role.isEmpty()) {
            throw refused(shown, method, "sso-no-role", "no value of the " + sso.rolesClaim()
                    + " claim maps to a role");
        }
        UserAccount account;
        try {
            account = accounts.signInExternally(registrationId, issuer(person), person.getSubject(), name,
                    role.get(), sso.linkExistingAccounts());
        } catch (ExternalSignInRefused e) {
            throw refused(shown, method, e.reason(), e.getMessage());
        }
        return new SsoUser(account.username(), List.of(new SimpleGrantedAuthority(role.get().authority())),
                person.getIdToken(), person.getUserInfo());
    }

    private Refused refused(String name, String method, String reason, String detail) {
        events.publishEvent(new SignInEvent.SignInFailed(name, method, detail));
        return new Refused(reason, detail);
    }

    private static String issuer(OidcUser person) {
        return person.getIssuer() == null ? "" : person.getIssuer().toString();
    }
}

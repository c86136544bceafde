package io.detectionhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code detectionhub.security.*}: see docs/security.md.
 *
 * @param anonymousRead lets callers who have not signed in browse as viewers (read and evaluate, never change)
 * @param admin         the first admin account, or the account whose password a start with {@code reset-password} sets
 * @param signIn        throttling of failed sign-ins
 * @param apiKeys       API key settings
 * @param sso           single sign-on: how the people of each OpenID Connect provider (a registration under
 *                      {@code spring.security.oauth2.client.registration.<id>}) become accounts and roles here, by
 *                      registration id
 */
@ConfigurationProperties("detectionhub.security")
public record SecuritySettings(boolean anonymousRead, Admin admin, SignIn signIn, ApiKeys apiKeys,
                               Map<String, Sso> sso) {

    public SecuritySettings {
        admin = admin == null ? new Admin(null, null, false) : admin;
        signIn = signIn == null ? new SignIn(0, 0, null) : signIn;
        apiKeys = apiKeys == null ? new ApiKeys(null) : apiKeys;
        sso = sso == null ? Map.of() : Map.copyOf(sso);
    }

    /** The single sign-on settings of one provider registration (defaults when it has none). */
    public Sso sso(String registrationId) {
        return sso.getOrDefault(registrationId, new Sso(null, null, null, null, null, null, null, false));
    }

    /**
     * @param username      the first admin's name (default {@code admin})
     * @param password      its password; without one a random password is generated and printed once to the log
     * @param resetPassword on start, set this account's password to {@code password}, enable it and make it an admin
     *                      (recovery of a lost admin password; remove it afterwards)
     */
    public record Admin(String username, String password, boolean resetPassword) {
        public Admin {
            username = username == null || username.isBlank() ? "admin" : username.strip();
            password = password == null || password.isEmpty() ? null : password;
        }
    }

    /**
     * @param maxFailuresPerAccount failed password sign-ins of one account name within {@code window} before further
     *                              attempts are refused until the window ends
     * @param maxFailuresPerAddress failed sign-ins (passwords and API keys) from one remote address within the window
     * @param window                the time window
     */
    public record SignIn(int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window) {
        public SignIn {
            maxFailuresPerAccount = maxFailuresPerAccount <= 0 ? 5 : maxFailuresPerAccount;
            maxFailuresPerAddress = maxFailuresPerAddress <= 0 ? 20 : maxFailuresPerAddress;
            window = window == null || window.isNegative() || window.isZero() ? Duration.ofMinutes(15) : window;
        }
    }

    /** @param lastUseResolution the last use of a key is written at most this often (per key), not on every request */
    public record ApiKeys(Duration lastUseResolution) {
        public ApiKeys {
            lastUseResolution = lastUseResolution == null || lastUseResolution.isNegative()
                    ? Duration.ofMinutes(1) : lastUseResolution;
        }
    }

    /**
     * How the people of one OpenID Connect provider sign in here.
     *
     * @param label                the button on the sign-in page (default "Sign in with " + the registration's
     *                             client name)
     * @param usernameClaim        the claim that names the account here (default {@code preferred_username}); stored
     *                             in lower case, and it must be a valid user name
     * @param rolesClaim           the claim whose values map to roles (default {@code groups}); a dotted path reaches
     *                             into an object ({@code realm_access.roles})
     * @param admin                claim values that make an admin
     * @param editor               claim values that make an editor
     * @param viewer               claim values that make a viewer
     * @param defaultRole          the role of a person none of whose values maps ({@code viewer}, ...); none (the
     *                             default) refuses them
     * @param linkExistingAccounts at the first sign-in of a person whose name is that of an account here that no
     *                             identity of this provider has yet, sign them in as that account (default off:
     *                             refused, so a provider whose names people can choose cannot take over an account)
     */
    public record Sso(String label, String usernameClaim, String rolesClaim, List<String> admin, List<String> editor,
                      List<String> viewer, String defaultRole, boolean linkExistingAccounts) {
        public Sso {
            label = label == null || label.isBlank() ? null : label.strip();
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username"
                    : usernameClaim.strip();
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "groups" : rolesClaim.strip();
            admin = admin == null ? List.of() : List.copyOf(admin);
            editor = editor == null ? List.of() : List.copyOf(editor);
            viewer = viewer == null ? List.of() : List.copyOf(viewer);
            defaultRole = defaultRole == null || defaultRole.isBlank() || defaultRole.strip().equalsIgnoreCase("none")
                    ? null : defaultRole.strip();
        }
    }
}

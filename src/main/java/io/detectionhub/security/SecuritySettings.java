package io.detectionhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code detectionhub.security.*}: see docs/security.md.
 *
 * @param anonymousRead lets callers who have not signed in browse as viewers (read and evaluate, never change)
 * @param admin         the first admin account, or the account whose password a start with {@code reset-password} sets
 * @param signIn        throttling of failed sign-ins
 * @param apiKeys       API key settings
 */
@ConfigurationProperties("detectionhub.security")
public record SecuritySettings(boolean anonymousRead, Admin admin, SignIn signIn, ApiKeys apiKeys) {

    public SecuritySettings {
        admin = admin == null ? new Admin(null, null, false) : admin;
        signIn = signIn == null ? new SignIn(0, 0, null) : signIn;
        apiKeys = apiKeys == null ? new ApiKeys(null) : apiKeys;
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
}

package io.detectionhub.security.accounts;

import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A fresh installation lands in a working app: when there is no account at all, the first start creates the admin
 * ({@code detectionhub.security.admin.username}, default {@code admin}) with the configured password, or with a
 * generated one printed once to the log. Several instances starting at once on one empty database create it once:
 * the unique user name lets one insert win; the others log that it exists and print nothing. With
 * {@code reset-password=true} the start sets the configured password instead (recovery of a lost admin password).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccounts accounts;
    private final SecuritySettings.Admin settings;

    FirstAdmin(UserAccounts accounts, SecuritySettings settings) {
        this.accounts = accounts;
        this.settings = settings.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.resetPassword()) {
            if (settings.password() == null) {
                throw new IllegalStateException("detectionhub.security.admin.reset-password needs "
                        + "detectionhub.security.admin.password (DETECTIONHUB_SECURITY_ADMIN_PASSWORD)");
            }
            UserAccount admin = accounts.recoverAdmin(settings.username(), settings.password());
            log.warn("The password of the admin account '{}' was set from the configuration, the account enabled and"
                    + " made an admin (detectionhub.security.admin.reset-password). Remove reset-password now.",
                    admin.username());
            return;
        }
        if (accounts.count() > 0) {
            return;
        }
        try {
            UserAccounts.WithPassword created = accounts.create(settings.username(), Role.ADMIN, settings.password());
            if (created.generatedPassword() != null) {
                log.warn("""

                        ==============================================================================
                         First start: created the admin account '{}' with the password

                             {}

                         Sign in and change it (account menu > Change password). It is not shown again.
                         To choose it yourself, start with DETECTIONHUB_SECURITY_ADMIN_PASSWORD set.
                        ==============================================================================
                        """, created.account().username(), created.generatedPassword());
            } else {
                log.info("First start: created the admin account '{}' with the configured password",
                        created.account().username());
            }
        } catch (AccountChangeRefused e) {
            if (accounts.find(settings.username()).isPresent()) {
                log.info("The first admin account was created by another instance");
                return;
            }
            throw new IllegalStateException("Cannot create the first admin account: " + e.getMessage(), e);
        }
    }
}

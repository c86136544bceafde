package io.detectionhub.security.accounts;

import io.detectionhub.security.AccountChanged;
import io.detectionhub.security.Actors;
import io.detectionhub.security.Role;
import io.detectionhub.security.Team;
import io.detectionhub.security.signin.SignInThrottle;
import io.detectionhub.security.signin.SignInMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every change to user accounts goes through here, each in one transaction with its {@link AccountChanged} event (so
 * the audit entry commits with it). A change that takes rights away (disable, role, password reset) also ends the
 * account's sessions on every instance; at least one enabled admin always remains.
 */
@Service
public class UserAccounts implements Team {

    /** An account and, when the password was generated, that password (to show once). */
    public record WithPassword(UserAccount account, String generatedPassword) {
    }

    /** {@code created_by} of accounts made at a first single sign-on: {@code sso:<provider>}. */
    public static final String SSO_CREATOR_PREFIX = "sso:";

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);

    private final UserAccountRepository repository;
    private final ExternalIdentityRepository identities;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    UserAccounts(UserAccountRepository repository, ExternalIdentityRepository identities, PasswordEncoder encoder,
                 ApplicationEventPublisher events, SignInThrottle throttle,
                 ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.repository = repository;
        this.identities = identities;
        this.encoder = encoder;
        this.events = events;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    public List<UserAccount> all() {
        return repository.all();
    }

    public Optional<UserAccount> find(String username) {
        return repository.findByUsername(UserNames.normalize(username));
    }

    public Optional<UserAccount> find(long id) {
        return repository.findById(id);
    }

    /** The single sign-on providers each account is linked to, by account id (accounts without any are absent). */
    public Map<Long, List<String>> singleSignOnProviders() {
        return identities.providersByAccount();
    }

    public long count() {
        return repository.count();
    }

    /** Creates an account; a blank {@code password} gets a generated one. */
    @Transactional
    public WithPassword create(String typedName, Role role, String password) {
        String username = UserNames.normalize(typedName);
        if (!UserNames.isValid(username)) {
            throw new AccountChangeRefused("A user name has 1 to 100 letters, digits or . _ @ + - (no spaces),"
                    + " starting with a letter or digit.");
        }
        String generated = password == null || password.isEmpty() ? PasswordPolicy.generate() : null;
        String chosen = generated != null ? generated : password;
        PasswordPolicy.problem(username, chosen).ifPresent(p -> {
            throw new AccountChangeRefused(p);
        });
        UserAccount account;
        try {
            account = repository.insert(username, encoder.encode(chosen), role, Actors.current());
        } catch (DuplicateKeyException e) {
            throw new AccountChangeRefused("There is already an account named '" + username + "'.");
        }
        events.publishEvent(new AccountChanged(AccountChanged.Change.CREATED, username,
                "account created with role " + role.keyword()));
        return new WithPassword(account, generated);
    }

    @Transactional
    public UserAccount changeRole(long id, Role role) {
        UserAccount account = existing(id);
        if (account.role() == role) {
            return account;
        }
        if (account.role() == Role.ADMIN && account.enabled()) {
            keepAnAdmin(account, "take the admin role from");
        }
        repository.updateRole(id, role);
        events.publishEvent(new AccountChanged(AccountChanged.Change.ROLE_CHANGED, account.username(),
                "role " + account.role().keyword() + " -> " + role.keyword()));
        endSessions(account.username());
        return existing(id);
    }

    @Transactional
    public UserAccount setEnabled(long id, boolean enabled) {
        UserAccount account = existing(id);
        if (account.enabled() == enabled) {
            return account;
        }
        if (!enabled && account.role() == Role.ADMIN) {
            keepAnAdmin(account, "disable");
        }
        repository.updateEnabled(id, enabled);
        events.publishEvent(new AccountChanged(enabled ? AccountChanged.Change.ENABLED : AccountChanged.Change.DISABLED,
                account.username(), enabled ? "account enabled" : "account disabled"));
        if (!enabled) {
            endSessions(account.username());
        } else {
            throttle.clearAccount(account.username());
        }
        return existing(id);
    }

    /** An admin sets a new password (blank: generated); the account's sessions end and its throttle is cleared. */
    @Transactional
    public WithPassword resetPassword(long id, String password) {
        UserAccount account = existing(id);
        String generated = password == null || password.isEmpty() ? PasswordPolicy.generate() : null;
        String chosen = generated != null ? generated : password;
        PasswordPolicy.problem(account.username(), chosen).ifPresent(p -> {
            throw new AccountChangeRefused(p);
        });
        repository.updatePassword(id, encoder.encode(chosen));
        events.publishEvent(new AccountChanged(AccountChanged.Change.PASSWORD_RESET, account.username(),
                "password reset by an admin"));
        endSessions(account.username());
        throttle.clearAccount(account.username());
        return new WithPassword(existing(id), generated);
    }

    /**
     * The signed-in person changes their own password: the current one must be right. Their other sessions end
     * ({@code keepSessionId} is the one they are using).
     */
    @Transactional
    public void changeOwnPassword(String username, String current, String wanted, String keepSessionId) {
        UserAccount account = repository.findByUsername(UserNames.normalize(username))
                .orElseThrow(() -> new AccountChangeRefused("Only accounts with a password here can change it."));
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            throw new WrongCurrentPassword();
        }
        PasswordPolicy.problem(account.username(), wanted).ifPresent(p -> {
            throw new AccountChangeRefused(p);
        });
        if (encoder.matches(wanted, account.passwordHash())) {
            throw new AccountChangeRefused("The new password must differ from the current one.");
        }
        repository.updatePassword(account.id(), encoder.encode(wanted));
        events.publishEvent(new AccountChanged(AccountChanged.Change.PASSWORD_CHANGED, account.username(),
                "password changed by its owner"));
        endSessions(account.username(), keepSessionId);
    }

    /**
     * Start-up recovery ({@code detectionhub.security.admin.reset-password}): sets the password of the named account,
     * enables it and makes it an admin, creating it if needed.
     */
    @Transactional
    public UserAccount recoverAdmin(String typedName, String password) {
        String username = UserNames.normalize(typedName);
        Optional<UserAccount> existing = repository.findByUsername(username);
        if (existing.isEmpty()) {
            return create(username, Role.ADMIN, password).account();
        }
        UserAccount account = existing.get();
        PasswordPolicy.problem(username, password).ifPresent(p -> {
            throw new AccountChangeRefused(p);
        });
        repository.updatePassword(account.id(), encoder.encode(password));
        repository.updateRole(account.id(), Role.ADMIN);
        repository.updateEnabled(account.id(), true);
        events.publishEvent(new AccountChanged(AccountChanged.Change.PASSWORD_RESET, username,
                "admin password recovered at start-up (detectionhub.security.admin.reset-password)"));
        endSessions(username);
        throttle.clearAccount(username);
        return existing(account.id());
    }

    /**
     * A person signed in at an OpenID Connect provider, which vouches for their {@code issuer} and {@code subject}:
     * the account they act as here. Their first sign-in links the identity to a new account named {@code typedName}
     * (or, with {@code linkExisting}, to the account of that name when no identity of this issuer has it yet); later
     * sign-ins find the account by the identity alone, whatever the name says then. The account takes {@code role}
     * (what the provider's claims map to) unless that would demote the last enabled admin; demotions end the
     * account's other sessions. A disabled account is refused, and so is a name that is not a valid user name here.
     *
     * @throws ExternalSignInRefused with the reason, for the sign-in page and the audit log
     */
    @Transactional
    public UserAccount signInExternally(String provider, String issuer, String subject, String typedName, Role role,
                                        boolean linkExisting) {
        Optional<Long> linked = identities.accountOf(issuer, subject);
        UserAccount account;
        if (linked.isPresent()) {
            account = existing(linked.get());
            refuseIfDisabled(account);
        } else {
            String username = UserNames.normalize(typedName);
            if (!UserNames.isValid(username)) {
                throw new ExternalSignInRefused("sso-name", "the name '" + SignInMethods.shortName(typedName)
                        + "' from " + provider + " is not a valid user name here");
            }
            Optional<UserAccount> sameName = repository.findByUsername(username);
            try {
                if (sameName.isPresent()) {
                    account = sameName.get();
                    if (!linkExisting) {
                        throw new ExternalSignInRefused("sso-taken", "an account named '" + username + "' exists"
                                + " here and linking existing accounts is off for " + provider);
                    }
                    if (identities.accountHasIdentityOf(account.id(), issuer)) {
                        throw new ExternalSignInRefused("sso-taken", "the account '" + username + "' is linked to"
                                + " another person of " + provider);
                    }
                    refuseIfDisabled(account);
                    identities.link(issuer, subject, account.id(), provider);
                    events.publishEvent(new AccountChanged(AccountChanged.Change.SSO_LINKED, username,
                            "linked to a person of " + provider + " at their first single sign-on"));
                } else {
                    account = repository.insert(username, encoder.encode(PasswordPolicy.generate()), role,
                            SSO_CREATOR_PREFIX + provider);
                    identities.link(issuer, subject, account.id(), provider);
                    events.publishEvent(new AccountChanged(AccountChanged.Change.CREATED, username,
                            "account created with role " + role.keyword() + " at the first single sign-on via "
                                    + provider));
                }
            } catch (DuplicateKeyException e) {
                throw new ExternalSignInRefused("sso-busy", "a parallel first sign-in of '" + username + "' via "
                        + provider + " won");
            }
        }
        if (account.role() != role) {
            if (account.role() == Role.ADMIN && account.enabled() && repository.lockEnabledAdmins() <= 1) {
                LOG.warn("Single sign-on via {} maps '{}' to {}, but it is the last enabled admin: its stored role"
                        + " stays admin (this session is {})", provider, account.username(), role.keyword(),
                        role.keyword());
            } else {
                repository.updateRole(account.id(), role);
                events.publishEvent(new AccountChanged(AccountChanged.Change.ROLE_CHANGED, account.username(),
                        "role " + account.role().keyword() + " -> " + role.keyword() + " (from the claims of "
                                + provider + " at sign-in)"));
                if (account.role().includes(role)) {
                    endSessions(account.username());
                }
                account = existing(account.id());
            }
        }
        identities.signedIn(issuer, subject);
        return account;
    }

    private static void refuseIfDisabled(UserAccount account) {
        if (!account.enabled()) {
            throw new ExternalSignInRefused("disabled", "account disabled");
        }
    }

    private UserAccount existing(long id) {
        return repository.findById(id).orElseThrow(() -> new AccountChangeRefused("There is no such account."));
    }

    private void keepAnAdmin(UserAccount account, String what) {
        if (repository.lockEnabledAdmins() <= 1) {
            throw new AccountChangeRefused("'" + account.username() + "' is the last enabled admin: make another"
                    + " account an admin before you " + what + " it.");
        }
    }

    private void endSessions(String username) {
        endSessions(username, null);
    }

    private void endSessions(String username, String keepSessionId) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return;
        }
        for (String sessionId : repository.findByPrincipalName(username).keySet()) {
            if (!sessionId.equals(keepSessionId)) {
                repository.deleteById(sessionId);
            }
        }
    }

    @Override
    @Transactional(readOnly = true)
    public long enabledEditors() {
        return repository.countEnabledWithRole(List.of(Role.EDITOR.keyword(), Role.ADMIN.keyword()));
    }
}

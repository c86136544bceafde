package io.detectionhub.security.accounts;

import io.detectionhub.security.AccountChanged;
import io.detectionhub.security.Actors;
import io.detectionhub.security.Role;
import io.detectionhub.security.signin.SignInThrottle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Every change to user accounts goes through here, each in one transaction with its {@link AccountChanged} event (so
 * the audit entry commits with it). A change that takes rights away (disable, role, password reset) also ends the
 * account's sessions on every instance; at least one enabled admin always remains.
 */
@Service
public class UserAccounts {

    /** An account and, when the password was generated, that password (to show once). */
    public record WithPassword(UserAccount account, String generatedPassword) {
    }

    private final UserAccountRepository repository;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    UserAccounts(UserAccountRepository repository, PasswordEncoder encoder, ApplicationEventPublisher events,
                 SignInThrottle throttle, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.repository = repository;
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
}

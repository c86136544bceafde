package io.detectionhub.security.accounts;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Accounts as Spring Security reads them for a password sign-in (form or HTTP Basic): name, hash, one role, enabled.
 * A hash made with an older encoder setting is replaced on the next successful sign-in.
 */
@Component
class AccountUserDetails implements UserDetailsService, UserDetailsPasswordService {

    private final UserAccountRepository repository;

    AccountUserDetails(UserAccountRepository repository) {
        this.repository = repository;
    }

    @Override
    public UserDetails loadUserByUsername(String typedName) {
        String username = UserNames.normalize(typedName);
        UserAccount account = repository.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(account.username()).password(account.passwordHash())
                .authorities(account.role().authority()).disabled(!account.enabled()).build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        repository.upgradeHash(user.getUsername(), newPassword);
        return User.withUserDetails(user).password(newPassword).build();
    }
}

package io.detectionhub.security.signin;

import io.detectionhub.security.RemoteAddresses;
import io.detectionhub.security.SignInEvent;
import io.detectionhub.security.accounts.UserNames;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in (form and HTTP Basic) through Spring Security's {@link DaoAuthenticationProvider}, with the
 * {@link SignInThrottle} around it and a {@link SignInEvent.SignInFailed} for every refusal it checked.
 * <p>
 * Against user enumeration: an unknown name costs the same hash as a known one (the provider hashes a dummy password),
 * every refusal has the same message, and a disabled account is only reported to someone who knows its password
 * (status checks come after the password check).
 */
public class ThrottledPasswordAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;

    public ThrottledPasswordAuthentication(DaoAuthenticationProvider passwords, SignInThrottle throttle,
                                           ApplicationEventPublisher events) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
        passwords.setPreAuthenticationChecks(user -> {
        });
        passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("This account is disabled; ask an admin.");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String account = UserNames.normalize(authentication.getName());
        String address = RemoteAddresses.current();
        String method = SignInMethods.current();
        throttle.reservePasswordAttempt(account, address);
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.passwordAccepted(account);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(address);
            events.publishEvent(new SignInEvent.SignInFailed(SignInMethods.shortName(account), method,
                    e instanceof DisabledException ? "account disabled" : "wrong name or password"));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package io.detectionhub.security.signin;

import io.detectionhub.security.Actors;
import io.detectionhub.security.RemoteAddresses;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.security.accounts.AccountChangeRefused;
import io.detectionhub.security.accounts.PasswordPolicy;
import io.detectionhub.security.accounts.UserAccounts;
import io.detectionhub.security.accounts.WrongCurrentPassword;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Change your own password (accounts with a password here; API keys and single sign-on users have none). The current
 * password is checked under the sign-in throttle, so a borrowed session cannot be used to guess it; the account's
 * other sessions end.
 */
@Controller
class PasswordPageController {

    static final String PATH = "/account/password";

    private final UserAccounts accounts;
    private final SignInThrottle throttle;

    PasswordPageController(UserAccounts accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @GetMapping(PATH)
    @ViewerRole
    String form(@RequestParam(required = false) String changed, Model model) {
        model.addAttribute("hasPassword", hasPassword());
        model.addAttribute("notice", changed != null ? "Your password is changed. Your other sessions are signed out."
                : null);
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "account/password";
    }

    @PostMapping(PATH)
    @ViewerRole
    String change(@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String confirmation, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        String name = Actors.current();
        model.addAttribute("hasPassword", hasPassword());
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        if (!password.equals(confirmation)) {
            return refused(model, response, "The new password and its confirmation differ.");
        }
        String address = RemoteAddresses.of(request);
        try {
            throttle.reservePasswordAttempt(name, address);
        } catch (SignInThrottledException e) {
            return refused(model, response, "Too many wrong passwords: wait " + throttle.window().toMinutes()
                    + " minutes and try again.");
        }
        HttpSession session = request.getSession(false);
        try {
            accounts.changeOwnPassword(name, current, password, session == null ? null : session.getId());
            throttle.passwordAccepted(name);
        } catch (WrongCurrentPassword e) {
            throttle.failed(address);
            return refused(model, response, e.getMessage());
        } catch (AccountChangeRefused e) {
            throttle.passwordAccepted(name);
            return refused(model, response, e.getMessage());
        }
        return "redirect:" + PATH + "?changed";
    }

    /**
     * Signed in with a password of an account here. A person signed in by single sign-on has an account but no
     * password they know (one was generated at their first sign-in), so they are told to change it at their provider.
     */
    private boolean hasPassword() {
        return !(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken)
                && accounts.find(Actors.current()).isPresent();
    }

    private static String refused(Model model, HttpServletResponse response, String problem) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", problem);
        return "account/password";
    }
}

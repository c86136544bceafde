package io.detectionhub.security.signin;

import io.detectionhub.security.ExternalSignIn;
import io.detectionhub.security.PublicAccess;
import io.detectionhub.security.SecuritySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The sign-in page: the password form (posted to Spring Security's {@code POST /login}, with its CSRF token), a
 * button per {@link ExternalSignIn}, and why the last attempt failed, in words that do not tell whether an account
 * exists.
 */
@Controller
class SignInPageController {

    private final ObjectProvider<ExternalSignIn> externalSignIns;
    private final SignInThrottle throttle;
    private final boolean anonymousRead;

    SignInPageController(ObjectProvider<ExternalSignIn> externalSignIns, SignInThrottle throttle,
                         SecuritySettings settings) {
        this.externalSignIns = externalSignIns;
        this.throttle = throttle;
        this.anonymousRead = settings.anonymousRead();
    }

    @GetMapping(SignInMethods.SIGN_IN_PATH)
    @PublicAccess
    String signIn(@RequestParam(required = false) String error,
                  @RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)
                && error == null) {
            return "redirect:/";
        }
        model.addAttribute("error", error == null ? null : switch (error) {
            case "disabled" -> "This account is disabled. Ask an admin to enable it.";
            case "throttled" -> "Too many failed sign-ins for this account or from your address. Wait "
                    + throttle.window().toMinutes() + " minutes and try again, or ask an admin to reset the password.";
            default -> "Wrong user name or password.";
        });
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("externalSignIns", List.copyOf(externalSignIns.orderedStream().toList()));
        model.addAttribute("anonymousRead", anonymousRead);
        return "account/sign-in";
    }
}

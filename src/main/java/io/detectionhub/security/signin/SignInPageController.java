package io.detectionhub.security.signin;

import io.detectionhub.security.ExternalSignIn;
import io.detectionhub.security.PublicAccess;
import io.detectionhub.security.SecuritySettings;
import io.detectionhub.security.sso.SingleSignOn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/**
 * The sign-in page: the password form (posted to Spring Security's {@code POST /login}, with its CSRF token), a
 * button per {@link ExternalSignIn}, and why the last attempt failed, in words that do not tell whether an account
 * exists.
 */
@Controller
class SignInPageController {

    private final ObjectProvider<ExternalSignIn> externalSignIns;
    private final ObjectProvider<SingleSignOn> singleSignOn;
    private final SignInThrottle throttle;
    private final boolean anonymousRead;

    SignInPageController(ObjectProvider<ExternalSignIn> externalSignIns, ObjectProvider<SingleSignOn> singleSignOn,
                         SignInThrottle throttle, SecuritySettings settings) {
        this.externalSignIns = externalSignIns;
        this.singleSignOn = singleSignOn;
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
            case "sso-no-role" -> "Your identity provider signed you in, but none of your groups gives access to"
                    + " Detection Hub. Ask an admin to add you to a group that does.";
            case "sso-name" -> "Your identity provider signed you in, but sent no name that can be an account here."
                    + " Ask an admin.";
            case "sso-taken" -> "Your identity provider signed you in, but an account of that name exists here and"
                    + " is not linked to you. Ask an admin.";
            case "sso-busy" -> "Your account was being created by another sign-in at the same moment. Try again.";
            case "sso" -> "Single sign-on did not complete. Try again, or ask an admin.";
            case "throttled" -> "Too many failed sign-ins for this account or from your address. Wait "
                    + throttle.window().toMinutes() + " minutes and try again, or ask an admin to reset the password.";
            default -> "Wrong user name or password.";
        });
        model.addAttribute("signedOut", signedOut != null);
        List<ExternalSignIn> buttons = new ArrayList<>();
        singleSignOn.ifAvailable(sso -> buttons.addAll(sso.signIns()));
        buttons.addAll(externalSignIns.orderedStream().toList());
        model.addAttribute("externalSignIns", List.copyOf(buttons));
        model.addAttribute("anonymousRead", anonymousRead);
        return "account/sign-in";
    }
}

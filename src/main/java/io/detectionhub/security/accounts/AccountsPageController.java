package io.detectionhub.security.accounts;

import io.detectionhub.security.Actors;
import io.detectionhub.security.AdminRole;
import io.detectionhub.security.Role;
import io.detectionhub.web.PageException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;
import java.util.Map;

/**
 * The users page for admins: create an account (with a chosen or generated password), change its role, disable or
 * enable it, reset its password. A generated password is shown once, in the answer to the form (never in a URL).
 */
@Controller
@AdminRole
class AccountsPageController {

    private static final Map<String, String> NOTICES = Map.of("role", "Role changed; the account's sessions ended.",
            "disabled", "Account disabled; its sessions ended.", "enabled", "Account enabled.");

    private final UserAccounts accounts;

    AccountsPageController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String notice, Model model) {
        return page(model, notice == null ? null : NOTICES.get(notice), null, null, HttpStatus.OK, null);
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String role,
                  @RequestParam(defaultValue = "") String password, Model model, HttpServletResponse response) {
        try {
            UserAccounts.WithPassword created = accounts.create(username, role(role), password);
            return page(model, "Account '" + created.account().username() + "' created.", null, created, HttpStatus.OK,
                    response);
        } catch (AccountChangeRefused e) {
            model.addAttribute("typedName", username);
            return page(model, null, e.getMessage(), null, HttpStatus.BAD_REQUEST, response);
        }
    }

    @PostMapping("/admin/users/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam(defaultValue = "") String role, Model model,
                      HttpServletResponse response) {
        try {
            accounts.changeRole(id, role(role));
            return "redirect:/admin/users?notice=role";
        } catch (AccountChangeRefused e) {
            return page(model, null, e.getMessage(), null, HttpStatus.CONFLICT, response);
        }
    }

    @PostMapping("/admin/users/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Model model, HttpServletResponse response) {
        UserAccount account = accounts.find(id).orElseThrow(() -> PageException.notFound("There is no such account."));
        if (!enabled && account.username().equals(Actors.current())) {
            return page(model, null, "You cannot disable your own account.", null, HttpStatus.CONFLICT, response);
        }
        try {
            accounts.setEnabled(id, enabled);
            return "redirect:/admin/users?notice=" + (enabled ? "enabled" : "disabled");
        } catch (AccountChangeRefused e) {
            return page(model, null, e.getMessage(), null, HttpStatus.CONFLICT, response);
        }
    }

    @PostMapping("/admin/users/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String password, Model model,
                         HttpServletResponse response) {
        try {
            UserAccounts.WithPassword reset = accounts.resetPassword(id, password);
            return page(model, "Password of '" + reset.account().username() + "' reset; its sessions ended.", null,
                    reset, HttpStatus.OK, response);
        } catch (AccountChangeRefused e) {
            return page(model, null, e.getMessage(), null, HttpStatus.BAD_REQUEST, response);
        }
    }

    private String page(Model model, String notice, String problem, UserAccounts.WithPassword withPassword,
                        HttpStatus status, HttpServletResponse response) {
        if (response != null) {
            response.setStatus(status.value());
        }
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("singleSignOn", accounts.singleSignOnProviders());
        model.addAttribute("roles", Arrays.stream(Role.values()).map(Role::keyword).toList());
        model.addAttribute("notice", notice);
        model.addAttribute("problem", problem);
        model.addAttribute("shownPassword", withPassword == null ? null : withPassword.generatedPassword());
        model.addAttribute("shownFor", withPassword == null ? null : withPassword.account().username());
        model.addAttribute("me", Actors.current());
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "admin/users";
    }

    private static Role role(String keyword) {
        return Role.fromKeyword(keyword).orElseThrow(() -> new AccountChangeRefused("Choose a role: viewer, editor "
                + "or admin."));
    }
}

package io.detectionhub.security.apikeys;

import io.detectionhub.security.AdminRole;
import io.detectionhub.security.Role;
import io.detectionhub.web.DateOrInstant;
import io.detectionhub.web.PageException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** The API keys page for admins: create (the secret is shown once, in the answer), list by prefix, revoke. */
@Controller
@AdminRole
class ApiKeysPageController {

    private final ApiKeys keys;

    ApiKeysPageController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/admin/api-keys")
    String list(@RequestParam(required = false) String revoked, Model model) {
        return page(model, revoked != null ? "API key revoked." : null, null, null, HttpStatus.OK, null);
    }

    @PostMapping("/admin/api-keys")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
                  @RequestParam(defaultValue = "") String expires, Model model, HttpServletResponse response) {
        try {
            Role chosen = Role.fromKeyword(role)
                    .orElseThrow(() -> new ApiKeyRequestInvalid("role: one of viewer, editor, admin"));
            ApiKeys.Created created = keys.create(name, chosen, expiry(expires));
            return page(model, "API key '" + created.key().name() + "' created.", null, created, HttpStatus.OK,
                    response);
        } catch (ErrorResponseException e) {
            model.addAttribute("typedName", name);
            return page(model, null, e.getBody().getDetail(), null, HttpStatus.valueOf(e.getStatusCode().value()),
                    response);
        }
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        if (!keys.revoke(id)) {
            throw PageException.notFound("There is no such API key.");
        }
        return "redirect:/admin/api-keys?revoked";
    }

    private String page(Model model, String notice, String problem, ApiKeys.Created created, HttpStatus status,
                        HttpServletResponse response) {
        if (response != null) {
            response.setStatus(status.value());
        }
        Instant now = Instant.now();
        model.addAttribute("keys", keys.all().stream().map(k -> ApiKeyView.of(k, now)).toList());
        model.addAttribute("roles", Arrays.stream(Role.values()).map(Role::keyword).toList());
        model.addAttribute("notice", notice);
        model.addAttribute("problem", problem);
        model.addAttribute("secret", created == null ? null : created.secret());
        return "admin/api-keys";
    }

    /** A date (the key works until that day starts, UTC) or an instant; blank for no expiry. */
    private static Instant expiry(String expires) {
        try {
            return DateOrInstant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new ApiKeyRequestInvalid("expires: a date such as 2027-06-30, or an instant");
        }
    }
}

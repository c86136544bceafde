package io.detectionhub.security.accounts;

import io.detectionhub.security.Actors;
import io.detectionhub.security.AdminRole;
import io.detectionhub.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * User accounts over the API, for admins (what the users page does): list, create (a generated password is answered
 * once), change the role, disable or enable, reset the password. Every change is audited through
 * {@link UserAccounts}; taking rights away ends the account's sessions; the last enabled admin stays. Accounts carry
 * no version: each change sets one field to the value sent, so repeating it changes nothing.
 */
@RestController
@RequestMapping("/api/admin/users")
@AdminRole
@Tag(name = "Users", description = "People's accounts: roles, disabling, password resets. Admins only.")
class UserApiController {

    private final UserAccounts accounts;

    UserApiController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List accounts", description = "By name, with role, status and single sign-on links.")
    List<UserRequests.View> list() {
        Map<Long, List<String>> providers = accounts.singleSignOnProviders();
        return accounts.all().stream().map(a -> UserRequests.View.of(a, providers.get(a.id()), null)).toList();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One account")
    UserRequests.View get(@PathVariable long id) {
        return view(existing(id), null);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an account",
            description = "Body {username, role, password?}. Without a password, one is generated and is in this "
                    + "answer only. 400 for a bad field (name, role, password policy), 409 when the name is taken.",
            responses = @ApiResponse(responseCode = "201", description = "Created"))
    ResponseEntity<UserRequests.View> create(@RequestBody(required = false) UserRequests.Create request) {
        if (request == null) {
            throw UserRequestRefused.invalid("The body must be a JSON object {username, role, password?}.");
        }
        Role role = role(request.role());
        if (request.username() != null && accounts.find(request.username()).isPresent()) {
            throw UserRequestRefused.conflict("user-name-taken", "User name taken",
                    "There is already an account named '" + UserNames.normalize(request.username()) + "'.");
        }
        UserAccounts.WithPassword created;
        try {
            created = accounts.create(request.username(), role, request.password());
        } catch (AccountChangeRefused e) {
            throw UserRequestRefused.invalid(e.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/admin/users/" + created.account().id()))
                .body(view(created.account(), created.generatedPassword()));
    }

    @PutMapping(path = "/{id}/role", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an account's role",
            description = "Body {role}. A lower role ends the account's sessions. 409 for the last enabled admin.")
    UserRequests.View changeRole(@PathVariable long id,
                                 @RequestBody(required = false) UserRequests.RoleChange request) {
        existing(id);
        Role role = role(request == null ? null : request.role());
        try {
            return view(accounts.changeRole(id, role), null);
        } catch (AccountChangeRefused e) {
            throw UserRequestRefused.conflict("last-admin", "The last admin stays", e.getMessage());
        }
    }

    @PutMapping(path = "/{id}/enabled", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Disable or enable an account",
            description = "Body {enabled}. Disabling ends the account's sessions on every instance and refuses its "
                    + "sign-ins (password and single sign-on). 409 for your own account or the last enabled admin.")
    UserRequests.View setEnabled(@PathVariable long id,
                                 @RequestBody(required = false) UserRequests.EnabledChange request) {
        UserAccount account = existing(id);
        if (request == null || request.enabled() == null) {
            throw UserRequestRefused.invalid("The body must be a JSON object {\"enabled\": true|false}.");
        }
        if (!request.enabled() && account.username().equals(Actors.current())) {
            throw UserRequestRefused.conflict("own-account", "Not your own account",
                    "You cannot disable your own account.");
        }
        try {
            return view(accounts.setEnabled(id, request.enabled()), null);
        } catch (AccountChangeRefused e) {
            throw UserRequestRefused.conflict("last-admin", "The last admin stays", e.getMessage());
        }
    }

    @PostMapping(path = "/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reset an account's password",
            description = "Body {password?}; without one, a password is generated and is in this answer only. Ends "
                    + "the account's sessions and clears its sign-in throttle. 400 when the password breaks the "
                    + "policy.")
    UserRequests.View resetPassword(@PathVariable long id,
                                    @RequestBody(required = false) UserRequests.PasswordReset request) {
        existing(id);
        try {
            UserAccounts.WithPassword reset = accounts.resetPassword(id, request == null ? null : request.password());
            return view(reset.account(), reset.generatedPassword());
        } catch (AccountChangeRefused e) {
            throw UserRequestRefused.invalid(e.getMessage());
        }
    }

    private UserAccount existing(long id) {
        return accounts.find(id).orElseThrow(() -> UserRequestRefused.notFound(id));
    }

    private UserRequests.View view(UserAccount account, String generatedPassword) {
        return UserRequests.View.of(account, accounts.singleSignOnProviders().get(account.id()), generatedPassword);
    }

    private static Role role(String keyword) {
        return Role.fromKeyword(keyword)
                .orElseThrow(() -> UserRequestRefused.invalid("role: one of viewer, editor, admin"));
    }
}

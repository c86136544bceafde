package io.detectionhub.security.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The bodies of {@code /api/admin/users}: what an admin sends and what they get back. */
final class UserRequests {

    private UserRequests() {
    }

    /** {@code POST /api/admin/users}: a new account; without a password, one is generated and answered once. */
    record Create(@Schema(example = "alice", requiredMode = Schema.RequiredMode.REQUIRED) String username,
                  @Schema(allowableValues = {"viewer", "editor", "admin"},
                          requiredMode = Schema.RequiredMode.REQUIRED) String role,
                  @Schema(description = "At least 12 characters; leave out to have one generated") String password) {
    }

    /** {@code PUT /api/admin/users/{id}/role}. */
    record RoleChange(@Schema(allowableValues = {"viewer", "editor", "admin"},
            requiredMode = Schema.RequiredMode.REQUIRED) String role) {
    }

    /** {@code PUT /api/admin/users/{id}/enabled}. */
    record EnabledChange(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean enabled) {
    }

    /** {@code POST /api/admin/users/{id}/password}: the new password, or nothing to have one generated. */
    record PasswordReset(@Schema(description = "At least 12 characters; leave out to have one generated")
                         String password) {
    }

    /** An account as the API shows it; {@code password} only in the answer that generated it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(long id, String username, String role, boolean enabled, Instant createdAt,
                @Schema(description = "Who created it: a user name, api-key:<name>, system, or sso:<provider> for "
                        + "an account made at its first single sign-on") String createdBy,
                Instant passwordChangedAt,
                @Schema(description = "The single sign-on providers this account is linked to") List<String> singleSignOn,
                @Schema(description = "The generated password, only in the answer that made it; never again")
                String password) {

        static View of(UserAccount account, List<String> providers, String generatedPassword) {
            return new View(account.id(), account.username(), account.role().keyword(), account.enabled(),
                    account.createdAt(), account.createdBy(), account.passwordChangedAt(),
                    providers == null ? List.of() : providers, generatedPassword);
        }
    }
}

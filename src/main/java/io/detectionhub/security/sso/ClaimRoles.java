package io.detectionhub.security.sso;

import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The role a person's claims give them, by one provider's settings: the values of the roles claim (a list, or one
 * string) are looked up among the values configured for admin, editor and viewer, and the highest match wins; without
 * a match, the default role, if any. A dotted claim name reaches into objects ({@code realm_access.roles}).
 */
final class ClaimRoles {

    private final SecuritySettings.Sso settings;
    private final Role defaultRole;

    ClaimRoles(String registrationId, SecuritySettings.Sso settings) {
        this.settings = settings;
        this.defaultRole = settings.defaultRole() == null ? null : Role.fromKeyword(settings.defaultRole())
                .orElseThrow(() -> new IllegalStateException("detectionhub.security.sso." + registrationId
                        + ".default-role: '" + settings.defaultRole() + "' is none of viewer, editor, admin, none"));
        if (settings.admin().isEmpty() && settings.editor().isEmpty() && settings.viewer().isEmpty()
                && defaultRole == null) {
            throw new IllegalStateException("Single sign-on via '" + registrationId + "' would refuse everyone: set"
                    + " detectionhub.security.sso." + registrationId + ".admin/.editor/.viewer (values of the "
                    + settings.rolesClaim() + " claim) or .default-role");
        }
    }

    /** The role for these claims, or empty when nothing maps and there is no default role. */
    Optional<Role> roleFor(Map<String, Object> claims) {
        List<String> values = values(claims, settings.rolesClaim());
        for (Role role : List.of(Role.ADMIN, Role.EDITOR, Role.VIEWER)) {
            List<String> granting = switch (role) {
                case ADMIN -> settings.admin();
                case EDITOR -> settings.editor();
                case VIEWER -> settings.viewer();
            };
            if (values.stream().anyMatch(granting::contains)) {
                return Optional.of(role);
            }
        }
        return Optional.ofNullable(defaultRole);
    }

    /** The string values of a claim (dotted path), empty when it is absent. */
    static List<String> values(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.stream().filter(v -> v != null).forEach(v -> values.add(v.toString()));
        } else if (value != null && !(value instanceof Map<?, ?>)) {
            values.add(value.toString());
        }
        return values;
    }
}

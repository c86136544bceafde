package io.detectionhub.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class ClaimRolesTest {

    @Test
    void theHighestMappedValueWins() {
        ClaimRoles roles = new ClaimRoles("entra", new SecuritySettings.Sso(null, null, null, List.of("g-admins"),
                List.of("g-editors"), List.of("g-viewers"), null, false));
        assertThat(roles.roleFor(Map.of("groups", List.of("g-viewers", "g-editors")))).hasValue(Role.EDITOR);
        assertThat(roles.roleFor(Map.of("groups", List.of("g-admins", "g-viewers")))).hasValue(Role.ADMIN);
        assertThat(roles.roleFor(Map.of("groups", "g-viewers"))).as("one string").hasValue(Role.VIEWER);
        assertThat(roles.roleFor(Map.of("groups", List.of("G-EDITORS")))).as("exact values").isEmpty();
        assertThat(roles.roleFor(Map.of())).as("no claim").isEmpty();
    }

    @Test
    void aDottedClaimReachesIntoObjectsAndADefaultRoleCatchesTheRest() {
        ClaimRoles roles = new ClaimRoles("keycloak", new SecuritySettings.Sso(null, null, "realm_access.roles",
                List.of(), List.of("dh-editor"), List.of(), "viewer", false));
        assertThat(roles.roleFor(Map.of("realm_access", Map.of("roles", List.of("offline_access", "dh-editor")))))
                .hasValue(Role.EDITOR);
        assertThat(roles.roleFor(Map.of("realm_access", Map.of("roles", List.of("offline_access")))))
                .hasValue(Role.VIEWER);
        assertThat(roles.roleFor(Map.of("realm_access", "not an object"))).hasValue(Role.VIEWER);
    }

    @Test
    void settingsThatWouldRefuseEveryoneOrNameNoRoleStopTheStart() {
        assertThatThrownBy(() -> new ClaimRoles("okta", new SecuritySettings.Sso(null, null, null, null, null, null,
                null, false))).hasMessageContaining("would refuse everyone");
        assertThatThrownBy(() -> new ClaimRoles("okta", new SecuritySettings.Sso(null, null, null, null, null, null,
                "owner", false))).hasMessageContaining("default-role");
        assertThat(new SecuritySettings.Sso(null, null, null, null, null, null, "none", false).defaultRole()).isNull();
    }
}

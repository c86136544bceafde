package io.detectionhub.security.apikeys;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** {@code POST /api/admin/api-keys}: what the key is for, its role, and when it stops working (optional). */
record ApiKeyRequest(@Schema(example = "soar-playbook", requiredMode = Schema.RequiredMode.REQUIRED) String name,
                     @Schema(allowableValues = {"viewer", "editor", "admin"},
                             requiredMode = Schema.RequiredMode.REQUIRED) String role,
                     @Schema(example = "2027-06-30T00:00:00Z") Instant expiresAt) {
}

package io.detectionhub.security.apikeys;

import io.detectionhub.security.AdminRole;
import io.detectionhub.security.Role;
import io.detectionhub.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** API keys for machines (SOAR playbooks, CI): create (secret shown once), list, revoke. Admins only. */
@RestController
@RequestMapping("/api/admin/api-keys")
@Tag(name = "API keys", description = "Keys for machines: Authorization: Bearer <secret>. Admins only.")
class ApiKeyApiController {

    private final ApiKeys keys;

    ApiKeyApiController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @AdminRole
    @Operation(summary = "Create an API key",
            description = "Body {name, role, expiresAt?}. The answer carries the secret, this once: store it in the "
                    + "playbook's or pipeline's secret store. Only its SHA-256 is kept. 400 for a bad field, 409 when "
                    + "the name is or was used.",
            responses = @ApiResponse(responseCode = "201", description = "Created, with the secret"))
    ResponseEntity<ApiKeyView> create(@RequestBody ApiKeyRequest request) {
        if (request == null) {
            throw new ApiKeyRequestInvalid("The body must be a JSON object {name, role, expiresAt?}.");
        }
        Role role = Role.fromKeyword(request.role())
                .orElseThrow(() -> new ApiKeyRequestInvalid("role: one of viewer, editor, admin"));
        ApiKeys.Created created = keys.create(request.name(), role, request.expiresAt());
        return ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.key().id()))
                .body(ApiKeyView.of(created.key(), Instant.now(), created.secret()));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @AdminRole
    @Operation(summary = "List API keys", description = "Newest first, by prefix, with last use (recorded at most "
            + "once a minute per key), expired and revoked keys included. Never the secrets.")
    List<ApiKeyView> list() {
        Instant now = Instant.now();
        return keys.all().stream().map(k -> ApiKeyView.of(k, now)).toList();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @AdminRole
    @Operation(summary = "One API key")
    ApiKeyView get(@PathVariable long id) {
        return ApiKeyView.of(keys.find(id).orElseThrow(() -> notFound(id)), Instant.now());
    }

    @DeleteMapping("/{id}")
    @AdminRole
    @Operation(summary = "Revoke an API key", description = "It is refused from the next request on, on every "
            + "instance. The key stays listed as revoked.",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!keys.revoke(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException notFound(long id) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "api-key-not-found",
                "No such API key", "There is no API key with id " + id + "."), null);
    }
}

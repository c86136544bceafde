package io.detectionhub.sources.web;

import io.detectionhub.security.AdminRole;
import io.detectionhub.sources.GitSyncService;
import io.detectionhub.sources.ImportJob;
import io.detectionhub.sources.ImportRefusedException;
import io.detectionhub.sources.RuleSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Git repositories as rule sources (admins): register, list, remove, sync on demand (an import job). */
@RestController
@Tag(name = "Sources", description = "Git repositories synced into the library")
class SourceApiController {

    private final GitSyncService sources;

    SourceApiController(GitSyncService sources) {
        this.sources = sources;
    }

    @Operation(summary = "Register a git repository",
            description = "url (https, http or ssh), branch (default main), folders (sub-folders to read; none for "
                    + "the whole tree), optional username and secret (password or token: stored, never returned), "
                    + "scheduleMinutes (5-10080 between syncs; none for on demand only).")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "400", description = "Unusable URL, branch, folder or schedule")
    @AdminRole
    @PostMapping(path = "/api/sources", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSource> register(@RequestBody GitSyncService.Registration registration) {
        RuleSource source = sources.register(registration);
        return ResponseEntity.created(URI.create("/api/sources/" + source.id())).body(source);
    }

    @Operation(summary = "The registered git sources", description = "With their last sync: commit, when, the job.")
    @AdminRole
    @GetMapping(path = "/api/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RuleSource> all() {
        return sources.all();
    }

    @Operation(summary = "A git source")
    @ApiResponse(responseCode = "404", description = "No such source")
    @AdminRole
    @GetMapping(path = "/api/sources/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleSource get(@PathVariable long id) {
        return sources.find(id).orElseThrow(() -> ImportRefusedException.sourceNotFound(id));
    }

    @Operation(summary = "Remove a git source", description = "The rules it imported stay, with their provenance.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such source")
    @AdminRole
    @DeleteMapping(path = "/api/sources/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        sources.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Sync a git source now",
            description = "Fetches the branch and imports what changed since the last sync (everything the first "
                    + "time); files deleted upstream are listed in the report. 202 with the import job at Location.")
    @ApiResponse(responseCode = "202", description = "Sync started; Location is the import job")
    @ApiResponse(responseCode = "400", description = "The fetch failed (the reason is given)")
    @ApiResponse(responseCode = "404", description = "No such source")
    @ApiResponse(responseCode = "409", description = "A sync of this source is running")
    @AdminRole
    @PostMapping(path = "/api/sources/{id}/sync", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJob> sync(@PathVariable long id) {
        ImportJob job = sources.sync(id);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + job.id())).body(job);
    }
}

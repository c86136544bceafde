package io.detectionhub.sources.web;

import io.detectionhub.security.EditorRole;
import io.detectionhub.sources.ImportFileReport;
import io.detectionhub.sources.ImportJob;
import io.detectionhub.sources.ImportRefusedException;
import io.detectionhub.sources.ImportService;
import io.detectionhub.sources.Overwrite;
import io.detectionhub.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Imports of Sigma files and rule archives as background jobs: start, follow, cancel, overwrite conflicts. */
@RestController
@Tag(name = "Imports", description = "Import Sigma files or a rule repository archive (zip, tar.gz) into the library")
class ImportApiController {

    private static final Set<String> STATUSES = Set.of("created", "updated", "unchanged", "invalid", "conflict",
            "skipped", "deleted-upstream");

    private final ImportService imports;

    ImportApiController(ImportService imports) {
        this.imports = imports;
    }

    /** A job as the API shows it; {@code files} is the per-file report (filtered by {@code status} if asked). */
    record ImportJobResponse(long id, String state, int progress, String source, String revision, String licence,
                             int total, int processed, ImportJob.Counts counts, boolean cancelRequested,
                             String message, String createdBy, Instant createdAt, Instant startedAt,
                             Instant finishedAt, List<ImportFileReport> files) {

        static ImportJobResponse of(ImportJob j, List<ImportFileReport> files) {
            return new ImportJobResponse(j.id(), j.state(), j.percent(), j.source(), j.revision(), j.licence(),
                    j.total(), j.processed(), j.counts(), j.cancelRequested(), j.message(), j.createdBy(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), files);
        }
    }

    record OverwriteRequest(List<String> ruleIds) {
    }

    @Operation(summary = "Import Sigma files or a rule archive",
            description = "Multipart field 'file', once or several times: Sigma YAML files (.yml, .yaml; a file may "
                    + "hold several documents), or a .zip / .tar.gz of a rule repository (SigmaHQ as downloaded: "
                    + "rules*, deprecated folders; other files are reported as skipped). Rules are created or "
                    + "updated by Sigma id and content hash; a rule edited here since its last import is a conflict "
                    + "and is not overwritten unless 'overwrite' names it (or is 'all'). Answers 202 with the job; "
                    + "follow it at Location.")
    @ApiResponse(responseCode = "202", description = "Import started; Location is the job")
    @ApiResponse(responseCode = "400", description = "Not a rule file or archive, an unsafe archive (zip slip)")
    @ApiResponse(responseCode = "413", description = "Archive over the limits (entries, size, compression ratio)")
    @EditorRole
    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJobResponse> start(@RequestParam("file") List<MultipartFile> files,
                                            @Parameter(description = "'all', or rule ids separated by commas, whose "
                                                    + "local edits may be overwritten")
                                            @RequestParam(required = false) String overwrite) {
        ImportJob job = imports.startUpload(WebUploads.of(files), Overwrite.parse(overwrite));
        return accepted(job);
    }

    @Operation(summary = "Recent imports", description = "The latest 50 jobs, newest first, without their reports.")
    @EditorRole
    @GetMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ImportJobResponse> recent() {
        return imports.recent(50).stream().map(j -> ImportJobResponse.of(j, null)).toList();
    }

    @Operation(summary = "An import: state, progress, counts and per-file report",
            description = "state is queued, running, succeeded, failed or cancelled; progress 0-100. status filters "
                    + "the report (created, updated, unchanged, invalid, conflict, skipped).")
    @ApiResponse(responseCode = "404", description = "No such import")
    @EditorRole
    @GetMapping(path = "/api/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportJobResponse get(@PathVariable long id, @RequestParam(required = false) String status) {
        ImportJob job = imports.find(id).orElseThrow(() -> notFound(id));
        return ImportJobResponse.of(job, imports.report(id, status(status)));
    }

    @Operation(summary = "Cancel an import", description = "The job stops after its current chunk; what it "
            + "imported stays. A finished job is answered as it is.")
    @ApiResponse(responseCode = "404", description = "No such import")
    @EditorRole
    @PostMapping(path = "/api/imports/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ImportJobResponse cancel(@PathVariable long id) {
        return ImportJobResponse.of(imports.cancel(id), null);
    }

    @Operation(summary = "Overwrite an import's conflicts",
            description = "Imports again the files of the job that were in conflict (rules edited here since their "
                    + "last import), overwriting the local edits of the given rule ids, or of all its conflicts when "
                    + "none are given: a new job (202).")
    @ApiResponse(responseCode = "202", description = "Import started; Location is the new job")
    @ApiResponse(responseCode = "404", description = "No such import")
    @EditorRole
    @PostMapping(path = "/api/imports/{id}/overwrite", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJobResponse> overwrite(@PathVariable long id,
                                                @RequestBody(required = false) OverwriteRequest request) {
        Set<String> ids = request == null || request.ruleIds() == null ? Set.of() : Set.copyOf(request.ruleIds());
        return accepted(imports.overwriteConflicts(id, ids));
    }

    private static ResponseEntity<ImportJobResponse> accepted(ImportJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + job.id()))
                .body(ImportJobResponse.of(job, null));
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new BadRequestException("status must be one of " + String.join(", ", STATUSES.stream().sorted()
                    .toList()));
        }
        return s;
    }

    private static ImportRefusedException notFound(long id) {
        return ImportRefusedException.notFound(id);
    }
}

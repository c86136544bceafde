package io.detectionhub.deployment.web;

import io.detectionhub.deployment.DeployedRevision;
import io.detectionhub.deployment.DeploymentExport;
import io.detectionhub.deployment.DeploymentFormat;
import io.detectionhub.deployment.DeploymentService;
import io.detectionhub.deployment.Finding;
import io.detectionhub.deployment.SettingsView;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Exports of rules as Sentinel analytics rules and Defender custom detections, and their deployment settings. */
@RestController
@Tag(name = "Deployment", description = "Sentinel analytics rules (ARM, Azure-Sentinel YAML) and Defender XDR custom "
        + "detections (Graph JSON) from stored rules; see docs/deploy.md")
class DeploymentApiController {

    private static final String FORMAT = "arm (ARM template), sentinel-yaml (Azure-Sentinel Detections/ YAML) or "
            + "defender-json (Graph detectionRules body); default arm";
    private static final String TARGET = "The KQL target whose translation is deployed; default sentinel-asim for arm "
            + "and sentinel-yaml, defender-xdr for defender-json";

    private static final String REVISION = "Which content of each rule: approved (default; the approved revision, "
            + "rules never approved are left out) or latest (as it is now, reviewed or not)";

    private final DeploymentService deployment;
    private final io.detectionhub.deployment.DeploymentExports exports;

    DeploymentApiController(DeploymentService deployment, io.detectionhub.deployment.DeploymentExports exports) {
        this.deployment = deployment;
        this.exports = exports;
    }

    @ViewerRole
    @org.springframework.web.bind.annotation.PostMapping(path = "/api/deploy/exports",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a bulk export in the background",
            description = "The same selection and formats as GET /api/deploy, for large selections: 202 with the "
                    + "export's address (Location). Its status (progress, counts) is GET /api/deploy/exports/{id}, "
                    + "its zip GET /api/deploy/exports/{id}/zip once the status is DONE; the page /deploy/exports/{id} "
                    + "shows a progress bar. Any instance answers; exports are kept for a day.")
    @ApiResponse(responseCode = "202", description = "Started")
    ResponseEntity<ExportView> startExport(@ParameterObject @ModelAttribute RuleSearch search,
                                           @Parameter(description = FORMAT) @RequestParam(required = false) String format,
                                           @Parameter(description = TARGET) @RequestParam(required = false) String target,
                                           @Parameter(description = REVISION) @RequestParam(required = false) String revision) {
        DeployedRevision deployed = DeployedRevision.of(revision);
        io.detectionhub.deployment.ExportJob job = exports.start(search.query(), DeploymentFormat.of(format), target,
                deployed, ExportView.selection(search, deployed));
        return ResponseEntity.accepted().location(java.net.URI.create("/api/deploy/exports/" + job.id()))
                .body(ExportView.of(job));
    }

    @ViewerRole
    @GetMapping(path = "/api/deploy/exports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A background export's status", description = "RUNNING with done of total rules read, DONE "
            + "with the counts and the zip's address, or FAILED with a message.")
    ExportView export(@PathVariable String id) {
        return ExportView.of(exports.find(id));
    }

    @ViewerRole
    @GetMapping(path = "/api/deploy/exports/{id}/zip", produces = "application/zip")
    @Operation(summary = "A finished background export's zip", description = "409 export-not-ready while it runs.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/zip",
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> exportZip(@PathVariable String id) {
        io.detectionhub.deployment.ExportJob job = exports.find(id);
        byte[] zip = exports.zip(id).orElseThrow(() -> new io.detectionhub.deployment.ExportNotReadyException(job));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("detection-hub-" + job.format() + ".zip").build().toString())
                .body(zip);
    }

    /** The validator's answer for one rule and format. */
    record DeploymentReport(String ruleId, String title, String format, String target, String fileName, boolean valid,
                            String refusal, List<FindingView> findings, String content) {
        static DeploymentReport of(DeploymentExport e) {
            return new DeploymentReport(e.ruleId(), e.title(), e.format().keyword(), e.target(), e.fileName(),
                    e.valid(), e.refusal(), e.findings().stream().map(FindingView::of).toList(), e.content());
        }
    }

    record FindingView(String level, String field, String message) {
        static FindingView of(Finding f) {
            return new FindingView(f.level().name().toLowerCase(Locale.ROOT), f.field(), f.message());
        }
    }

    @ViewerRole
    @GetMapping("/api/rules/{id}/deploy")
    @Operation(summary = "Export a rule as a Sentinel analytics rule or Defender custom detection",
            description = "The validator runs first: a rule it finds errors in (or that the target cannot translate) "
                    + "is refused with 422 problem details listing the findings. With findings=true the answer is JSON "
                    + "with the findings, the file name and the content, whatever the validator found.")
    @ApiResponse(responseCode = "200", description = "The file (attachment), or the findings as JSON",
            content = {@Content(mediaType = "application/json", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "422", description = "Not deployable: problem details with findings[]")
    ResponseEntity<?> export(@Parameter(description = "Rule id") @PathVariable String id,
                             @Parameter(description = FORMAT) @RequestParam(required = false) String format,
                             @Parameter(description = TARGET) @RequestParam(required = false) String target,
                             @Parameter(description = "Answer the validator's findings as JSON instead of the file")
                             @RequestParam(defaultValue = "false") boolean findings) {
        DeploymentFormat f = DeploymentFormat.of(format);
        if (findings) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(DeploymentReport.of(deployment.export(id, f, target)));
        }
        DeploymentExport export = deployment.validExport(id, f, target);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .body(export.content().getBytes(StandardCharsets.UTF_8));
    }

    @ViewerRole
    @GetMapping(path = "/api/deploy", produces = "application/zip")
    @Operation(summary = "Export a selection of rules as a zip",
            description = "The rules the rule list's filters select (the same parameters as GET /api/rules; page and "
                    + "size are ignored: every matching rule): one file per rule that exports without validator "
                    + "errors, one combined ARM template (azuredeploy.json) for the Sentinel formats, and report.json "
                    + "naming the rules left out and why. By default each rule is deployed as its approved revision "
                    + "holds it (rules never approved, or retired, are left out as 'not approved'); revision=latest "
                    + "deploys every selected rule as it is now.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/zip",
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> bulk(@ParameterObject @ModelAttribute RuleSearch search,
                                @Parameter(description = FORMAT) @RequestParam(required = false) String format,
                                @Parameter(description = TARGET) @RequestParam(required = false) String target,
                                @Parameter(description = REVISION) @RequestParam(required = false) String revision) {
        DeploymentFormat f = DeploymentFormat.of(format);
        DeployedRevision deployed = DeployedRevision.of(revision);
        var query = search.query();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try {
            deployment.bulk(query, f, target, deployed, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("detection-hub-" + f.keyword() + ".zip").build().toString())
                .body(zip.toByteArray());
    }

    @ViewerRole
    @GetMapping(path = "/api/rules/{id}/deploy/settings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a rule's deployment settings",
            description = "settings as stored (empty values take the default) and effective (defaults from the level "
                    + "and logsource filled in). The ETag is the rule's version: send it as If-Match on PUT.")
    ResponseEntity<SettingsView> settings(@PathVariable String id) {
        SettingsView view = deployment.settings(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @EditorRole
    @PutMapping(path = "/api/rules/{id}/deploy/settings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a rule's deployment settings",
            description = "Part of the rule's enrichment: the rule's version changes and the audit log records the "
                    + "change. Durations as 5m, 1h, 2d or ISO 8601. Settings the validator refuses on their own "
                    + "(schedule, threshold, custom details, entity types) answer 422 with the findings. If-Match is "
                    + "required (the rule's ETag, or *).")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the rule's new version")
    @ConditionalChange
    ResponseEntity<SettingsView> putSettings(@PathVariable String id, @RequestBody DeploymentSettings settings,
                                             @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch) {
        if (settings == null) {
            throw new BadRequestException("The body must be a deployment settings JSON object.");
        }
        StoredRule rule = deployment.updateSettings(id, settings, ETags.expectedVersion(ifMatch));
        SettingsView view = deployment.settings(rule.id());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }
}

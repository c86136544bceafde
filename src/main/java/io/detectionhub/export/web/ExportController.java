package io.detectionhub.export.web;

import io.detectionhub.export.LibraryExport;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.translate.TargetService;
import io.detectionhub.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The library export: a selection of rules, by the rule list's filters, as one streamed zip. */
@RestController
@Tag(name = "Export", description = "A selection of the library as a zip of Sigma files with enrichment and KQL")
class ExportController {

    static final String ZIP = "application/zip";
    private static final int MAX_TARGETS = 10;

    private final LibraryExport export;
    private final TargetService targets;

    ExportController(LibraryExport export, TargetService targets) {
        this.export = export;
        this.targets = targets;
    }

    @ViewerRole
    @GetMapping(path = "/api/export", produces = ZIP)
    @Operation(summary = "Export rules as a zip",
            description = "The rules the rule list's filters select (the same parameters as GET /api/rules; page, "
                    + "size and sort are ignored: every match, by title), streamed as a zip: "
                    + "rules/<product>/<category or service>/<title>.yml (the stored YAML, byte for byte), the "
                    + "enrichment beside it (.enrichment.json, what POST /api/rules takes back as JSON), its test cases "
                    + "(.tests.json) and tuning exceptions (.exceptions.yml) when it has any (POST /api/imports reads "
                    + "both back), the KQL of "
                    + "each target asked for (.<target>.kql), manifest.json, selection.csv and navigator-layer.json.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The zip",
                            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "400", description = "Invalid filter or unknown target",
                            content = @Content(mediaType = "application/problem+json"))})
    void export(@ParameterObject @ModelAttribute RuleSearch search,
                                                 @Parameter(description = "Also write each rule's KQL for these "
                                                         + "targets (repeatable)", example = "sentinel-asim")
                                                 @RequestParam(name = "target", required = false) List<String> target,
                HttpServletResponse response) throws IOException {
        RuleQuery query = search.query();
        search.pageable(20); // refuses what the list refuses (sort keys, paging values)
        List<String> names = target == null ? List.of() : target.stream().filter(t -> !t.isBlank())
                .map(String::trim).distinct().toList();
        if (names.size() > MAX_TARGETS) {
            throw new BadRequestException("at most " + MAX_TARGETS + " targets per export");
        }
        List<Target> resolved = names.stream().map(n -> targets.resolve(n, null)).toList();
        var parameters = search.parameters();
        String name = "detection-hub-rules-" + LocalDate.now(ZoneOffset.UTC) + ".zip";
        // Written in the request's own thread straight to the response: streamed, and under the caller's identity.
        response.setContentType(ZIP);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                .toString());
        export.write(query, parameters, resolved, response.getOutputStream());
        response.flushBuffer();
    }

}

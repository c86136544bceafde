package io.detectionhub.translate.web;

import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.translate.TargetService;
import io.detectionhub.translate.TranslationService;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.RequestText;
import io.detectionhub.web.TitleSlug;
import io.detectionhub.web.YamlMediaTypes;
import io.detectionhub.web.YamlRequestMapping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * KQL translation over HTTP: Sigma text ({@code POST /api/translate}) or stored rules
 * ({@code GET /api/rules/{id}/kql}, {@code GET /api/rules/{id}.kql}), as text/plain or JSON with the explanation.
 */
@RestController
@Tag(name = "KQL translation")
class TranslateApiController {

    static final MediaType TEXT_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final String EXAMPLE = """
            title: Shell Invocation Via Ssh - Linux
            id: 8737b7f6-8df3-4bb7-b1da-06019b99b687
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    Image|endswith: '/ssh'
                    CommandLine|contains: 'permitlocalcommand=yes'
                condition: selection
            """;

    private final TranslationService translations;
    private final TargetService targets;

    TranslateApiController(TranslationService translations, TargetService targets) {
        this.translations = translations;
        this.targets = targets;
    }

    @ViewerRole
    @YamlRequestMapping(method = RequestMethod.POST, path = "/api/translate", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Translate Sigma YAML (not stored) to KQL",
            description = "Every rule and correlation of the text, separated by a blank line. explain=true appends "
                    + "how each query was made as // comments. 400 invalid Sigma, 404 unknown target, 422 a rule "
                    + "the target cannot express (the reason is named).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = YamlMediaTypes.APPLICATION_YAML,
                    schema = @Schema(type = "string"), examples = @ExampleObject(name = "ssh", value = EXAMPLE))),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain")),
                    @ApiResponse(responseCode = "400", description = "Invalid Sigma",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "404", description = "Unknown target",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "Not translatable for this target",
                            content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<String> translateText(@RequestBody byte[] body,
                                                @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                                @Parameter(description = "sentinel-asim (default), defender-xdr, azure-monitor or custom")
                                                @RequestParam(required = false) String target,
                                                @Parameter(description = "The table of target=custom")
                                                @RequestParam(required = false) String table,
                                                @RequestParam(defaultValue = "false") boolean header,
                                                @RequestParam(defaultValue = "false") boolean analyst,
                                                @RequestParam(defaultValue = "false") boolean explain) {
        List<Translation> result = translations.translate(RequestText.decode(body, contentType), targets.resolve(target, table),
                new TranslationOptions(header, analyst));
        String text = result.stream().map(t -> explain ? withExplanation(t) : t.query())
                .collect(Collectors.joining("\n\n"));
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(text + "\n");
    }

    @ViewerRole
    @YamlRequestMapping(method = RequestMethod.POST, path = "/api/translate",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Translate Sigma YAML to KQL, as JSON with the explanation of each query")
    List<TranslationResponse> translateTextJson(@RequestBody byte[] body,
                                                       @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                                       @RequestParam(required = false) String target,
                                                       @RequestParam(required = false) String table,
                                                       @RequestParam(defaultValue = "false") boolean header,
                                                       @RequestParam(defaultValue = "false") boolean analyst) {
        return translations.translate(RequestText.decode(body, contentType), targets.resolve(target, table),
                new TranslationOptions(header, analyst)).stream().map(TranslationResponse::of).toList();
    }

    @ViewerRole
    @GetMapping(path = "/api/rules/{id}/kql", produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "A stored rule's KQL query",
            description = "target defaults to sentinel-asim. The query as text/plain unless the Accept header names "
                    + "application/json, which gives {query, explanation}. explain=true appends how the query was "
                    + "made as // comments to the text form. The rule's active tuning exceptions are in the query "
                    + "(exceptions=apply, the default); exceptions=ignore leaves them out.")
    ResponseEntity<?> ruleKql(@PathVariable String id,
                                     @RequestParam(required = false) String target,
                                     @RequestParam(required = false) String table,
                                     @RequestParam(defaultValue = "false") boolean header,
                                     @RequestParam(defaultValue = "false") boolean analyst,
                                     @RequestParam(defaultValue = "false") boolean explain,
                                     @Parameter(schema = @Schema(allowableValues = {"apply", "ignore"}))
                                     @RequestParam(defaultValue = "apply") String exceptions,
                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Translation t = translations.translateStored(id, targets.resolve(target, table),
                new TranslationOptions(header, analyst), appliesExceptions(exceptions)).translation();
        if (asksExplicitlyForJson(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(TranslationResponse.of(t));
        }
        return ResponseEntity.ok().contentType(TEXT_UTF8).body((explain ? withExplanation(t) : t.query()) + "\n");
    }

    /** Text is the default (curl, browsers and SOAR tools send wildcards); JSON only when asked for by name. */
    private static boolean asksExplicitlyForJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(m -> !m.isWildcardType() && !m.isWildcardSubtype() && m.isCompatibleWith(MediaType.APPLICATION_JSON)
                        && !m.isCompatibleWith(MediaType.TEXT_PLAIN));
    }

    @ViewerRole
    @GetMapping(path = "/api/rules/{id}.kql")
    @Operation(summary = "Download a stored rule's KQL query",
            description = "An attachment named <title-slug>-<target>.kql, with the header comment.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    ResponseEntity<String> downloadKql(@PathVariable String id,
                                              @RequestParam(required = false) String target,
                                              @RequestParam(required = false) String table,
                                              @RequestParam(defaultValue = "true") boolean header,
                                              @RequestParam(defaultValue = "false") boolean analyst) {
        Target resolved = targets.resolve(target, table);
        TranslationService.StoredTranslation st = translations.translateStored(id, resolved,
                new TranslationOptions(header, analyst));
        String name = TitleSlug.of(st.rule().document().title(), id) + "-" + resolved.name() + ".kql";
        return ResponseEntity.ok().contentType(TEXT_UTF8)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(st.translation().query() + "\n");
    }

    private static boolean appliesExceptions(String exceptions) {
        return switch (exceptions.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "apply" -> true;
            case "ignore" -> false;
            default -> throw new BadRequestException("exceptions must be apply or ignore, not '" + exceptions + "'");
        };
    }

    /** The query followed by its explanation as KQL comments (still a valid query). */
    static String withExplanation(Translation t) {
        StringBuilder sb = new StringBuilder(t.query()).append('\n');
        for (String line : t.explanation().toText().split("\n")) {
            sb.append("// ").append(line.replaceAll("[\\p{Cntrl}\u2028\u2029\u0085]", " ")).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}

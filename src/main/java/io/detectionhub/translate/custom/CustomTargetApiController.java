package io.detectionhub.translate.custom;

import io.detectionhub.security.Actors;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.translate.UnknownTargetException;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.detectionhub.web.RequestText;
import io.detectionhub.web.YamlMediaTypes;
import io.detectionhub.web.YamlOrJsonRequestMapping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * User-defined KQL targets: create, read, replace, delete, validate, preview and history; built-in targets are
 * readable the same way (their YAML is the starting point for a copy). The listing of every target is
 * {@code GET /api/targets}.
 */
@RestController
@RequestMapping("/api/targets")
@Tag(name = "Targets", description = "KQL targets: built-in, generic (custom with table=NAME) and user-defined")
class CustomTargetApiController {

    static final String COMMENT_HEADER = "X-Change-Comment";

    private final CustomTargetService service;
    private final TargetResolver resolver;
    private final TargetPreviewService preview;

    CustomTargetApiController(CustomTargetService service, TargetResolver resolver, TargetPreviewService preview) {
        this.service = service;
        this.resolver = resolver;
        this.preview = preview;
    }

    @EditorRole
    @YamlOrJsonRequestMapping(method = RequestMethod.POST, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a user-defined target",
            description = "Body: the definition as YAML (application/yaml), as JSON, or as JSON {\"definition\": \"<yaml>\", "
                    + "\"comment\": \"...\"}. Same format as the built-ins (copy one from GET /api/targets/{name}?format=yaml). "
                    + "400 lists every problem; 409 when the name is taken.")
    ResponseEntity<TargetView> create(@RequestBody byte[] body,
                                             @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
                                             @RequestHeader(value = COMMENT_HEADER, required = false) String commentHeader,
                                             @RequestParam(required = false) String comment) {
        DefinitionBody definition = DefinitionBody.read(body, contentType);
        StoredTarget stored = service.create(definition.definition(),
                new Editor(Actors.current(), firstNonNull(definition.comment(), comment, commentHeader)));
        return ResponseEntity.created(URI.create("/api/targets/" + stored.target().name()))
                .eTag(ETags.of(stored.current().version()))
                .body(TargetView.of(stored.target(), TargetView.USER, stored.current(), List.of()));
    }

    @ViewerRole
    @GetMapping(value = "/{name}", params = "format=yaml")
    @Operation(summary = "A target's definition text (YAML): built-in, generic or user-defined",
            description = "Also with Accept: application/yaml. Download a built-in's to copy it. The generic target "
                    + "'custom' takes table=NAME. The JSON description of a target is GET /api/targets/{name}.")
    ResponseEntity<String> definition(@PathVariable String name, @RequestParam(required = false) String table) {
        if (Target.CUSTOM.equals(name)) {
            Target generic = resolver.resolve(name, table == null ? "MyTable_CL" : table);
            return yaml(DefinitionBody.toYaml(GenericTargetDefinition.of(generic)), name);
        }
        var builtIn = resolver.builtIns().definition(name);
        if (builtIn.isPresent()) {
            return yaml(builtIn.get(), name);
        }
        StoredTarget stored = service.find(name).orElseThrow(() -> notFound(name));
        return ResponseEntity.ok().eTag(ETags.of(stored.current().version()))
                .contentType(YamlMediaTypes.YAML_UTF8)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(name))
                .body(stored.current().definition());
    }

    @ViewerRole
    @GetMapping(value = "/{name}", produces = {YamlMediaTypes.APPLICATION_YAML, YamlMediaTypes.APPLICATION_X_YAML,
            YamlMediaTypes.TEXT_YAML, YamlMediaTypes.TEXT_X_YAML})
    @Operation(summary = "A target's definition text, by content negotiation (Accept: application/yaml)")
    ResponseEntity<String> definitionByAccept(@PathVariable String name,
                                                     @RequestParam(required = false) String table) {
        return definition(name, table);
    }

    @EditorRole
    @YamlOrJsonRequestMapping(method = RequestMethod.PUT, path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a user-defined target (a new version)",
            description = "If-Match is required: the ETag read, \"<version>\" (412 when someone changed it meanwhile), "
                    + "or * to replace whatever version is stored.")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the new version")
    @ConditionalChange
    ResponseEntity<TargetView> replace(@PathVariable String name, @RequestBody byte[] body,
                                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
                                              @RequestHeader(value = COMMENT_HEADER, required = false) String commentHeader,
                                              @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestParam(required = false) String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        DefinitionBody definition = DefinitionBody.read(body, contentType);
        StoredTarget stored = service.replace(name, definition.definition(),
                new Editor(Actors.current(), firstNonNull(definition.comment(), comment, commentHeader)), expected);
        return ResponseEntity.ok().eTag(ETags.of(stored.current().version()))
                .body(TargetView.of(stored.target(), TargetView.USER, stored.current(), List.of()));
    }

    @EditorRole
    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a user-defined target (its history is kept)",
            description = "409 while another user target extends it. If-Match is required: the ETag read (412 when "
                    + "someone changed it meanwhile), or * to delete whatever version is stored.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ConditionalChange
    ResponseEntity<Void> delete(@PathVariable String name,
                                       @RequestHeader(value = COMMENT_HEADER, required = false) String commentHeader,
                                       @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestParam(required = false) String comment) {
        service.delete(name, new Editor(Actors.current(), firstNonNull(comment, commentHeader)),
                ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @ViewerRole
    @YamlOrJsonRequestMapping(method = RequestMethod.POST, path = "/validate",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a definition without saving it",
            description = "200 with a summary when it loads; 400 problem details listing every problem otherwise.")
    ValidationResult validate(@RequestBody byte[] body,
                                     @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType) {
        Target target = service.validate(DefinitionBody.read(body, contentType).definition());
        return new ValidationResult(true, target.name(), target.base(), target.unmappedFields().keyword(),
                List.copyOf(target.tables().keySet()), target.logsources().size());
    }

    @ViewerRole
    @PostMapping(value = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Translate a rule with a definition that is not saved",
            description = "Body {definition, ruleId | rule, header, analyst}: the queries and their explanations. "
                    + "400 for problems of the definition or rule, 404 for an unknown rule, 422 when the target "
                    + "cannot translate the rule.")
    PreviewResponse preview(@RequestBody PreviewRequest request) {
        if (request == null || request.definition() == null) {
            throw new TargetDefinitionException(List.of("definition: required"));
        }
        Target target = service.loadForPreview(request.definition());
        return preview.preview(target, request.ruleId(), request.rule(),
                new TranslationOptions(Boolean.TRUE.equals(request.header()), Boolean.TRUE.equals(request.analyst())));
    }

    @ViewerRole
    @GetMapping(value = "/{name}/versions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The history of a user-defined target, newest first (who, when, why)")
    List<VersionView> versions(@PathVariable String name) {
        if (resolver.isReserved(name)) {
            return List.of();
        }
        List<TargetVersion> history = service.history(name);
        if (history.isEmpty()) {
            throw notFound(name);
        }
        int latest = history.get(0).version();
        return history.stream().map(v -> VersionView.of(v, v.version() == latest && !v.deleted(), false)).toList();
    }

    @ViewerRole
    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "One version of a user-defined target, with its definition (?format=yaml for the text)")
    ResponseEntity<?> version(@PathVariable String name, @PathVariable int version,
                                     @RequestParam(required = false) String format,
                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        TargetVersion v = service.version(name, version).orElseThrow(() -> new UnknownTargetException(name,
                "no version " + version + " of a target named '" + RequestText.printable(name) + "'"));
        if (wantsYaml(format, accept)) {
            if (v.definition() == null) {
                throw new UnknownTargetException(name, "version " + version + " of '" + name + "' is its deletion");
            }
            return yaml(v.definition(), name + "-v" + version);
        }
        int latest = service.history(name).get(0).version();
        return ResponseEntity.ok(VersionView.of(v, v.version() == latest && !v.deleted(), true));
    }

    private static boolean wantsYaml(String format, String accept) {
        if (format != null) {
            return format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
    }

    private static ResponseEntity<String> yaml(String text, String fileName) {
        return ResponseEntity.ok()
                .contentType(YamlMediaTypes.YAML_UTF8)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName))
                .body(text);
    }

    private static String disposition(String fileName) {
        return ContentDisposition.inline().filename(fileName.replaceAll("[^A-Za-z0-9._-]", "_") + ".yml").build()
                .toString();
    }

    private static UnknownTargetException notFound(String name) {
        return new UnknownTargetException(name, "no target named '" + RequestText.printable(name) + "'");
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}

package io.detectionhub.library.web;

import io.detectionhub.library.RuleHits;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.detectionhub.web.RequestText;
import io.detectionhub.web.TitleSlug;
import io.detectionhub.web.YamlMediaTypes;
import io.detectionhub.web.YamlRequestMapping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Page;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The rule library's REST API. */
@RestController
@RequestMapping("/api/rules")
@Tag(name = "Rules", description = "The Sigma rule library: search, create, read, replace, delete, enrichment")
class RuleApiController {

    static final int DEFAULT_PAGE_SIZE = 20;

    private static final String EXAMPLE_YAML = """
            title: Shell Invocation Via Ssh - Linux
            id: 5c2a4e7c-7d1e-4d9b-9a0e-3f6b8f1c2d40
            status: experimental
            description: Detects ssh used to start a shell, e.g. through ProxyCommand or LocalCommand.
            author: Detection Hub
            date: 2026-11-24
            tags:
                - attack.execution
                - attack.t1059
            logsource:
                category: process_creation
                product: linux
            detection:
                selection_img:
                    Image|endswith: '/ssh'
                    CommandLine|contains:
                        - 'ProxyCommand=;'
                        - 'permitlocalcommand=yes'
                        - 'localhost'
                selection_cli:
                    CommandLine|contains:
                        - '/bin/bash'
                        - '/bin/sh'
                condition: all of selection_*
            level: high
            """;
    private static final String EXAMPLE_JSON = """
            {"yaml": "title: Example\\nid: 5c2a4e7c-7d1e-4d9b-9a0e-3f6b8f1c2d41\\nlogsource:\\n  category: process_creation\\n  product: linux\\ndetection:\\n  selection:\\n    Image|endswith: /ssh\\n  condition: selection\\nlevel: high\\n",
             "enrichment": {"huntHypothesis": "An attacker uses ssh to spawn a shell.",
                            "tuningGuidance": ["Exclude jump hosts that use ProxyCommand legitimately."],
                            "confidence": "medium"}}
            """;
    private static final String EXAMPLE_ENRICHMENT = """
            {"huntHypothesis": "An attacker with a foothold uses ssh options to start a local shell.",
             "tuningGuidance": ["Administrators' ProxyCommand jump-host configurations: exclude by parent process or user."],
             "attack": {"tactics": ["execution"], "techniques": ["T1059"], "subTechniques": ["T1059.004"]},
             "atomicTests": [{"name": "Command-Line Interface", "guid": "d0c88567-803d-4dca-99b4-7ce65e7b257c",
                              "techniqueId": "T1059.004", "expectedTelemetry": "process_creation of sh with the test command line"}],
             "dataSources": ["Process: Process Creation"], "requiredTables": ["imProcessCreate"],
             "confidence": "high", "sourceUrl": "https://gtfobins.github.io/gtfobins/ssh/",
             "retrievedAt": "2026-11-24T12:00:00Z", "generated": []}
            """;

    private final RuleService rules;

    RuleApiController(RuleService rules) {
        this.rules = rules;
    }

    @ViewerRole
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search rules",
            description = "Paged list with full-text search and filters. Several values of one filter (repeat the "
                    + "parameter) are OR-ed, different filters AND-ed. The answer holds the total count. With words "
                    + "in q the order is relevance unless sort says otherwise, and the answer holds highlights and, "
                    + "for misspelled words, didYouMean. The rules page (/rules) takes the same parameters.")
    RulePage search(@ParameterObject @ModelAttribute RuleSearch search,
                    @Parameter(description = "Also count the matches per level, status, product, category, service, "
                            + "tactic and kind (facets)") @RequestParam(defaultValue = "false") boolean facets) {
        RuleQuery query = search.query();
        RuleHits hits = rules.searchWithHighlights(query, search.pageable(DEFAULT_PAGE_SIZE));
        return RulePage.of(hits, facets ? RuleFacets.of(rules.facets(query, RuleFacets.COUNTED, false)) : null);
    }

    @EditorRole
    @YamlRequestMapping(method = RequestMethod.POST, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a rule from Sigma YAML",
            description = "The body is the Sigma YAML. A rule without id gets a UUID written into its stored YAML. "
                    + "A multi-document text (e.g. a correlation with the rules it references) is stored whole as one "
                    + "entry, identified by its correlation (else its first document). 400 lists every validation "
                    + "problem with its line; 409 if the id is taken.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = YamlMediaTypes.APPLICATION_YAML,
                    schema = @Schema(type = "string"), examples = @ExampleObject(name = "ssh", value = EXAMPLE_YAML))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created; Location names the rule",
                            content = @Content(schema = @Schema(implementation = RuleResponse.class))),
                    @ApiResponse(responseCode = "400", description = "Invalid rule: problem details with errors[]",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "A rule with this id exists",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "413", description = "Body too large",
                            content = @Content(mediaType = "application/problem+json"))})
    ResponseEntity<RuleResponse> createFromYaml(@RequestBody byte[] body,
                                                 @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        return created(rules.create(RequestText.decode(body, contentType), null,
                comment));
    }

    @EditorRole
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a rule from JSON {yaml, enrichment}",
            description = "Like the YAML form, with optional enrichment; empty enrichment parts are derived.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = RuleRequest.class),
                    examples = @ExampleObject(name = "with enrichment", value = EXAMPLE_JSON))),
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = RuleResponse.class))))
    ResponseEntity<RuleResponse> createFromJson(@RequestBody RuleRequest request,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        return created(rules.create(requireYaml(request), request.enrichment(),
                ChangeComments.of(request.comment(), comment)));
    }

    @ViewerRole
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a rule",
            description = "id, the stored YAML byte for byte, parsed metadata and logsource, enrichment. "
                    + "The ETag is the rule's version (send it as If-Match on PUT and DELETE).")
    ResponseEntity<RuleResponse> get(@Parameter(description = "Rule id (the Sigma id)") @PathVariable String id) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleResponse.of(rule));
    }

    @ViewerRole
    @GetMapping(path = "/{id}.yml")
    @Operation(summary = "Download a rule's YAML",
            description = "The stored YAML as an attachment named after the title (<title-slug>.yml).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = YamlMediaTypes.APPLICATION_YAML, schema = @Schema(type = "string")))
    ResponseEntity<byte[]> download(@PathVariable String id) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        ContentDisposition disposition = ContentDisposition.attachment()
                .filename(TitleSlug.of(rule.document().title(), id) + ".yml").build();
        return ResponseEntity.ok()
                .contentType(YamlMediaTypes.YAML_UTF8)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .eTag(ETags.of(rule.version()))
                .body(rule.yaml().getBytes(StandardCharsets.UTF_8));
    }

    @EditorRole
    @YamlRequestMapping(method = RequestMethod.PUT, path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a rule's YAML",
            description = "The YAML must carry the same id (or none: the path id is inserted). Enrichment parts "
                    + "still marked generated are derived again; what a person wrote is kept. If-Match is required: "
                    + "the ETag read (412 if the rule changed meanwhile), or * to replace whatever is stored.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = YamlMediaTypes.APPLICATION_YAML,
                    schema = @Schema(type = "string"), examples = @ExampleObject(name = "ssh", value = EXAMPLE_YAML))))
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the new version")
    @ConditionalChange
    ResponseEntity<RuleResponse> replaceFromYaml(@PathVariable String id, @RequestBody byte[] body,
                                                        @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
                                                        @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                        String ifMatch,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        StoredRule rule = rules.replace(id, RequestText.decode(body, contentType), null, expected,
                comment);
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleResponse.of(rule));
    }

    @EditorRole
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a rule from JSON {yaml, enrichment}",
            description = "With enrichment, it replaces the stored enrichment as a person's edit. If-Match is "
                    + "required, as for the YAML form.")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the new version")
    @ConditionalChange
    ResponseEntity<RuleResponse> replaceFromJson(@PathVariable String id, @RequestBody RuleRequest request,
                                                        @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                                        String ifMatch,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        StoredRule rule = rules.replace(id, requireYaml(request), request.enrichment(), expected,
                ChangeComments.of(request.comment(), comment));
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleResponse.of(rule));
    }

    @EditorRole
    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a rule (it moves to the trash)",
            description = "The rule moves to the trash (GET /api/trash) with its enrichment and history; an editor can "
                    + "restore it (POST /api/trash/{id}/restore), an admin purge it. Creating a rule with the id of a "
                    + "deleted one takes the id back: the trash entry goes and the history continues. If-Match is "
                    + "required: the ETag read (412 if the rule changed meanwhile), or * to delete whatever version "
                    + "is stored.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ConditionalChange
    ResponseEntity<Void> delete(@PathVariable String id,
                                @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        rules.delete(id, ETags.expectedVersion(ifMatch), comment);
        return ResponseEntity.noContent().build();
    }

    @ViewerRole
    @GetMapping(path = "/{id}/enrichment", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a rule's enrichment",
            description = "generated[] lists the parts a machine derived and no person has confirmed yet. The ETag is "
                    + "the rule's version (the enrichment is versioned with its rule): send it as If-Match on PUT.")
    ResponseEntity<Enrichment> getEnrichment(@PathVariable String id) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(rule.enrichment());
    }

    @EditorRole
    @PutMapping(path = "/{id}/enrichment", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a rule's enrichment",
            description = "A person's edit: every part counts as confirmed, except the parts listed in generated[] "
                    + "that the edit leaves unchanged. The ATT&CK mapping drives the tactic/technique filters. "
                    + "If-Match is required (the rule's ETag, or *); the answer's ETag is the rule's new version.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Enrichment.class),
                    examples = @ExampleObject(name = "enrichment", value = EXAMPLE_ENRICHMENT))))
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the rule's new version")
    @ConditionalChange
    ResponseEntity<Enrichment> putEnrichment(@PathVariable String id, @RequestBody Enrichment enrichment,
                                             @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                             String ifMatch,
                                                 @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                                 @ChangeComment String comment) {
        if (enrichment == null) {
            throw new BadRequestException("The body must be an enrichment JSON object.");
        }
        StoredRule rule = rules.updateEnrichment(id, enrichment, ETags.expectedVersion(ifMatch),
                comment);
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(rule.enrichment());
    }

    /** The Location is a path: the request's Host header never ends up in a response. */
    private ResponseEntity<RuleResponse> created(StoredRule stored) {
        URI location = UriComponentsBuilder.fromPath("/api/rules/{id}").buildAndExpand(stored.id()).encode().toUri();
        return ResponseEntity.created(location).eTag(ETags.of(stored.version())).body(RuleResponse.of(stored));
    }

    private static String requireYaml(RuleRequest request) {
        if (request == null || request.yaml() == null || request.yaml().isBlank()) {
            throw new BadRequestException("The JSON body needs a non-empty 'yaml' string holding the Sigma rule.");
        }
        return request.yaml();
    }

}

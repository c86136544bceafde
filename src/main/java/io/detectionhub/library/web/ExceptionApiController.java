package io.detectionhub.library.web;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.exceptions.ExceptionNotFoundException;
import io.detectionhub.library.exceptions.ExceptionRequest;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** A rule's tuning exceptions over the API: list, read, create, replace, delete. */
@RestController
@RequestMapping("/api/rules/{id}/exceptions")
@Tag(name = "Exceptions", description = "Tuning exceptions: Sigma filter documents stored beside a rule, with author, "
        + "reason, expiry and ticket; every change is a revision of the rule")
class ExceptionApiController {

    private static final String EXAMPLE = """
            {
              "title": "Backup agent on the file servers",
              "reason": "The nightly backup agent starts cmd.exe; reviewed with the server team",
              "expires": "2027-06-30",
              "ticket": "SEC-1234",
              "yaml": "selection:\\n    ParentImage|endswith: '\\\\backupagent.exe'\\n    Computer|startswith: 'FS'\\ncondition: not selection\\n"
            }""";
    private static final String BODY = "JSON {yaml, title, reason, expires, ticket}. yaml: a whole Sigma filter "
            + "document, or only its selections and condition (title, id, logsource and filter.rules are filled in "
            + "from the rule; write the condition as an exclusion: 'not selection'). reason is required; expires "
            + "(YYYY-MM-DD, optional) is the first day the exception no longer applies; ticket is optional.";

    private final RuleExceptions exceptions;
    private final RuleService rules;

    ExceptionApiController(RuleExceptions exceptions, RuleService rules) {
        this.exceptions = exceptions;
        this.rules = rules;
    }

    @ViewerRole
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A rule's exceptions, oldest first, expired ones too",
            description = "Each with expired (it stopped applying on its expiry date) and active (it applies today).")
    @ApiResponse(responseCode = "200", description = "The exceptions")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(
            mediaType = "application/problem+json"))
    List<ExceptionResponse> list(@PathVariable String id) {
        requireRule(id);
        LocalDate today = exceptions.today();
        return exceptions.forRule(id).stream().map(e -> ExceptionResponse.of(e, today)).toList();
    }

    @ViewerRole
    @GetMapping(path = "/{exceptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One exception of a rule", description = "The ETag is the exception's version: send it as "
            + "If-Match on PUT and DELETE.")
    @ApiResponse(responseCode = "200", description = "The exception")
    @ApiResponse(responseCode = "404", description = "No such rule or exception", content = @Content(
            mediaType = "application/problem+json"))
    ResponseEntity<ExceptionResponse> get(@PathVariable String id, @PathVariable String exceptionId) {
        requireRule(id);
        RuleException e = exceptions.find(id, exceptionId)
                .orElseThrow(() -> new ExceptionNotFoundException(id, exceptionId));
        return ResponseEntity.ok().eTag(ETags.of(e.version())).body(ExceptionResponse.of(e, exceptions.today()));
    }

    @EditorRole
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add an exception to a rule", description = BODY + " The author is the caller. A revision "
            + "of the rule (exceptions-changed) and an audit entry record it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "exception",
                    value = EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag name it")
    @ApiResponse(responseCode = "400", description = "invalid-sigma (the YAML, with line and path in errors[]) or "
            + "invalid-exception (a field: reason missing, expiry not in the future, too long)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(
            mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "An exception with the document's id exists",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ExceptionResponse> create(@PathVariable String id, @RequestBody ExceptionRequest request,
                                             @Parameter(name = "comment", in = ParameterIn.QUERY,
                                                     description = ChangeComments.DESCRIPTION)
                                             @ChangeComment String comment) {
        RuleException e = exceptions.create(id, request, comment);
        URI location = UriComponentsBuilder.fromPath("/api/rules/{id}/exceptions/{e}")
                .buildAndExpand(id, e.id()).encode().toUri();
        return ResponseEntity.created(location).eTag(ETags.of(e.version()))
                .body(ExceptionResponse.of(e, exceptions.today()));
    }

    @EditorRole
    @PutMapping(path = "/{exceptionId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace an exception", description = BODY + " The document's id stays the exception's id. "
            + "If-Match is required (the exception's ETag, or *). An expiry in the past is accepted here (it ends "
            + "the exception and keeps the record).")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the new version")
    @ApiResponse(responseCode = "400", description = "invalid-sigma or invalid-exception",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such rule or exception", content = @Content(
            mediaType = "application/problem+json"))
    @ConditionalChange
    ResponseEntity<ExceptionResponse> replace(@PathVariable String id, @PathVariable String exceptionId,
                                              @RequestBody ExceptionRequest request,
                                              @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Parameter(name = "comment", in = ParameterIn.QUERY,
                                                      description = ChangeComments.DESCRIPTION)
                                              @ChangeComment String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        RuleException e = exceptions.replace(id, exceptionId, request, expected, comment);
        return ResponseEntity.ok().eTag(ETags.of(e.version())).body(ExceptionResponse.of(e, exceptions.today()));
    }

    @EditorRole
    @DeleteMapping("/{exceptionId}")
    @Operation(summary = "Delete an exception", description = "The rule's history keeps it: reverting to an "
            + "earlier revision brings it back. If-Match is required (the exception's ETag, or *).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such rule or exception", content = @Content(
            mediaType = "application/problem+json"))
    @ConditionalChange
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String exceptionId,
                                @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                @Parameter(name = "comment", in = ParameterIn.QUERY,
                                        description = ChangeComments.DESCRIPTION)
                                @ChangeComment String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        exceptions.delete(id, exceptionId, expected, comment);
        return ResponseEntity.noContent().build();
    }

    private void requireRule(String id) {
        if (!rules.exists(id)) {
            throw new RuleNotFoundException(id);
        }
    }
}

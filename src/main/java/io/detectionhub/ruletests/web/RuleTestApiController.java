package io.detectionhub.ruletests.web;

import java.net.URI;
import java.util.List;

import io.detectionhub.ruletests.AtomicSimulations;
import io.detectionhub.ruletests.CaseResult;
import io.detectionhub.ruletests.RuleTestCase;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.detectionhub.web.RequestText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

/** A rule's test cases over the API: read (viewer), create, replace, delete (editor, If-Match), generate, run. */
@RestController
@RequestMapping("/api/rules/{id}/tests")
@Tag(name = "Rule tests", description = "Test cases stored with each rule, and running them")
class RuleTestApiController {

    private final RuleTestService tests;

    RuleTestApiController(RuleTestService tests) {
        this.tests = tests;
    }

    @Operation(summary = "The rule's test cases")
    @ApiResponse(responseCode = "200", description = "The test cases, by name")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @ViewerRole
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<RuleTestCase> list(@PathVariable String id) {
        return tests.list(id);
    }

    @Operation(summary = "One test case", description = "The ETag is the case's version (If-Match on PUT, DELETE).")
    @ApiResponse(responseCode = "200", description = "The test case")
    @ApiResponse(responseCode = "404", description = "Unknown rule or test case")
    @ViewerRole
    @GetMapping(path = "/{testId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleTestCase> get(@PathVariable String id, @PathVariable long testId) {
        RuleTestCase c = tests.get(id, testId);
        return ResponseEntity.ok().eTag(ETags.of(c.version())).body(c);
    }

    @Operation(summary = "Add a test case", description = "Body: {\"name\", \"events\" (JSON events or text), "
            + "\"format\", \"schema\", \"expectation\": \"match\" | \"no-match\" | {\"kind\": \"match\", \"atLeast\": "
            + "2, \"events\": [1]} | {\"kind\": \"alerts\", \"alerts\": [{\"groupBy\": {...}, \"count\": 3}]}}")
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag name it")
    @ApiResponse(responseCode = "400", description = "An invalid test case, or the name is taken")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @EditorRole
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleTestCase> create(@PathVariable String id, @RequestBody RuleTestRequest request) {
        RuleTestCase c = tests.create(id, request.draft());
        return ResponseEntity.created(URI.create("/api/rules/" + id + "/tests/" + c.id())).eTag(ETags.of(c.version()))
                .body(c);
    }

    @Operation(summary = "Replace a test case", description = "If-Match is required: the ETag read, or *.")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag names the new version")
    @ApiResponse(responseCode = "404", description = "Unknown rule or test case")
    @ConditionalChange
    @EditorRole
    @PutMapping(path = "/{testId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleTestCase> replace(@PathVariable String id, @PathVariable long testId,
                                         @RequestBody RuleTestRequest request,
                                         @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        RuleTestCase c = tests.replace(id, testId, request.draft(), expected);
        return ResponseEntity.ok().eTag(ETags.of(c.version())).body(c);
    }

    @Operation(summary = "Delete a test case", description = "If-Match is required: the ETag read, or *.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown rule or test case")
    @ConditionalChange
    @EditorRole
    @DeleteMapping("/{testId}")
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable long testId,
                                @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        tests.delete(id, testId, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A generated starting point", description = "From the rule's own values: an event it "
            + "matches and one it does not, each checked by the evaluation, labelled as generated. Nothing is stored.")
    @ApiResponse(responseCode = "200", description = "Drafts (possibly none) and a note")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @ViewerRole
    @GetMapping(path = "/generated", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleTestService.Generated generated(@PathVariable String id) {
        return tests.generate(id);
    }

    @Operation(summary = "The rule's Atomic Red Team simulations, checked", description = "Its simulation: blocks "
            + "(type atomic-red-team) against the Atomic catalogue: links for the tests the catalogue has under the "
            + "technique named (these are in the rule's enrichment), a warning for each unknown GUID or technique "
            + "mismatch (never linked).")
    @ApiResponse(responseCode = "200", description = "Links and warnings (both empty without simulation blocks)")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @ViewerRole
    @GetMapping(path = "/simulations", produces = MediaType.APPLICATION_JSON_VALUE)
    AtomicSimulations.Checked simulations(@PathVariable String id) {
        return tests.simulations(id);
    }

    @Operation(summary = "Run the rule's test cases now", description = "Each case's outcome (passed, failed, error) "
            + "with the evaluation's explanation: what matched, and why the events that did not match were missed.")
    @ApiResponse(responseCode = "200", description = "One result per test case")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @ViewerRole
    @PostMapping(path = "/run", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CaseResult> run(@PathVariable String id) {
        return tests.run(id);
    }

    @Operation(summary = "Run the rule's test cases on an edited text before saving it",
            description = "Body: the edited Sigma YAML. Answers each case's result with the edit and whether it "
                    + "passes with the stored rule (startsFailing: passes now, fails with the edit). Nothing is stored.")
    @ApiResponse(responseCode = "200", description = "One check per test case")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    @ViewerRole
    @PostMapping(path = "/check", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    List<RuleTestService.EditCheck> check(@PathVariable String id, @RequestBody byte[] body,
                                          @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType) {
        return tests.checkEdit(id, RequestText.decode(body, contentType));
    }
}

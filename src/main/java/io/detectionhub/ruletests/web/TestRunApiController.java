package io.detectionhub.ruletests.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.ruletests.JunitXml;
import io.detectionhub.ruletests.TestRun;
import io.detectionhub.ruletests.TestRunService;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs of rule tests: start one (202 with its URL), follow it, read its results as JSON or JUnit XML. */
@RestController
@Tag(name = "Rule tests")
class TestRunApiController {

    /** The body of a run request: rule ids, or nothing (then the query's rule-list filters, or the library). */
    @Schema(description = "Rules whose tests to run; leave out for the rule list's filters or the whole library")
    record RunRequest(List<String> ruleIds) {
    }

    private final TestRunService runs;

    TestRunApiController(TestRunService runs) {
        this.runs = runs;
    }

    @Operation(summary = "Run rule tests in the background",
            description = "Body {\"ruleIds\": [...]} for those rules; or the rule list's filters as query parameters "
                    + "(q, level, product, technique...: the rules they find that have tests); or neither for every "
                    + "rule with tests. Answers 202 with the run's URL in Location; follow GET /api/tests/runs/{id}.")
    @ApiResponse(responseCode = "202", description = "Started; Location names the run")
    @ApiResponse(responseCode = "400", description = "Both ruleIds and filters, or an invalid filter")
    @ApiResponse(responseCode = "404", description = "An unknown rule id")
    @EditorRole
    @PostMapping(path = "/api/tests/run", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TestRun> start(@RequestBody(required = false) RunRequest request,
                                  @ParameterObject @ModelAttribute RuleSearch search) {
        RuleQuery query = search.query();
        boolean filtered = !RuleQuery.ALL.equals(query);
        TestRunService.Scope scope;
        if (request != null && request.ruleIds() != null) {
            if (filtered) {
                throw new BadRequestException("Give either ruleIds or rule-list filters, not both");
            }
            scope = new TestRunService.Scope.Ids(request.ruleIds().stream().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList());
        } else {
            scope = filtered ? new TestRunService.Scope.Search(query) : new TestRunService.Scope.Library();
        }
        long id = runs.start(scope);
        return ResponseEntity.accepted().location(URI.create("/api/tests/runs/" + id))
                .body(runs.find(id, false, false).orElseThrow());
    }

    @Operation(summary = "A run: progress and results", description = "Status queued, running, passed, failed or "
            + "abandoned; per case passed, failed or error with its message, and for a case that did not pass the "
            + "evaluation's explanation (detail: matches, alerts, misses).")
    @ApiResponse(responseCode = "200", description = "The run")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ViewerRole
    @GetMapping(path = "/api/tests/runs/{runId}", produces = MediaType.APPLICATION_JSON_VALUE)
    TestRun get(@PathVariable long runId,
                @Parameter(description = "false: counts only, no results") @RequestParam(defaultValue = "true")
                boolean results) {
        return runs.find(runId, results, true).orElseThrow(() -> notFound(runId));
    }

    @Operation(summary = "A finished run as JUnit XML", description = "For a CI pipeline: one testsuite per rule, "
            + "one testcase per test case, failure and error with the explanation. 409 while the run is going.")
    @ApiResponse(responseCode = "200", description = "JUnit XML")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has not finished")
    @ViewerRole
    @GetMapping(path = "/api/tests/runs/{runId}/junit.xml", produces = {MediaType.APPLICATION_XML_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> junit(@PathVariable long runId) {
        TestRun run = runs.find(runId, true, true).orElseThrow(() -> notFound(runId));
        if (!run.finished()) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
                    "run-not-finished", "Run not finished", "Run " + runId + " is " + run.status() + " ("
                            + run.progress() + "%): ask again when it has finished."), null);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(JunitXml.of(run).getBytes(StandardCharsets.UTF_8));
    }

    static ErrorResponseException notFound(long runId) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
                "test-run-not-found", "Test run not found", "No test run " + runId + "."), null);
    }
}

package io.detectionhub.evaluate.web;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.EvaluationSettings;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.security.EditorRole;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.detectionhub.sigma.exceptions.ExceptionDraft;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * "Suppress matches like this" over the API, for SOAR playbooks and scripts: the stored rule is evaluated on the
 * event (without its exceptions, so an event already suppressed can be drafted again) and the exception drafted from
 * the match is returned, ready to POST to {@code /api/rules/{id}/exceptions} with a reason. Nothing is stored.
 */
@RestController
@Tag(name = "Exceptions")
class ExceptionDraftController {

    /** A drafted exception: its title and the Sigma filter document. */
    record DraftResponse(String ruleId, String title, String yaml, Map<String, Object> selection) {
    }

    private final EvaluationService evaluation;
    private final RuleService rules;

    ExceptionDraftController(EvaluationService evaluation, RuleService rules) {
        this.evaluation = evaluation;
        this.rules = rules;
    }

    @Operation(summary = "Draft an exception suppressing matches like this event",
            description = "Body: one event as a JSON object (Sigma field names, or a KQL target's columns with "
                    + "schema=). The rule is evaluated on it without its exceptions; from the match, the exception "
                    + "is drafted as the Evaluate page's \"Suppress matches like this\" does: the matched fields with "
                    + "the event's exact values, plus its host, parent process and user. POST the answer's yaml and "
                    + "title, with a reason, to /api/rules/{id}/exceptions. Nothing is stored.")
    @ApiResponse(responseCode = "200", description = "The drafted filter document")
    @ApiResponse(responseCode = "404", description = "Unknown rule id")
    @ApiResponse(responseCode = "422", description = "The rule does not match the event, or nothing of the event can "
            + "narrow an exception; or the rule is not a detection rule")
    @EditorRole
    @PostMapping(path = "/api/rules/{id}/exceptions/draft", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DraftResponse draft(@PathVariable String id,
                        @Parameter(hidden = true) InputStream body,
                        @Parameter(description = "The event's schema: a KQL target's name, or none for Sigma field "
                                + "names") @RequestParam(required = false) String schema) {
        SigmaRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id)).document()
                instanceof SigmaRule r ? r : null;
        if (rule == null) {
            throw unprocessable("not-a-detection-rule", "Only a detection rule's matches can be suppressed; tune the "
                    + "rules a correlation uses instead");
        }
        EvaluationSettings settings = new EvaluationSettings(schema, null, null, null, null, Map.of(), false,
                EvaluationSettings.IGNORE_EXCEPTIONS);
        Event event;
        EvaluationResult result;
        try (EventReader reader = EventReaders.open(body, EventReaders.Format.JSON, evaluation.limits())) {
            if (!reader.hasNext()) {
                throw unprocessable("no-event", "The body holds no event: send one event as a JSON object");
            }
            event = reader.next();
            result = evaluation.evaluate(evaluation.compile(new RuleSelection.Ids(List.of(id)), settings),
                    List.of(event).iterator(), settings);
        }
        RuleMatch match = result.matches().stream().filter(m -> id.equals(m.ruleId())).findFirst()
                .orElseThrow(() -> unprocessable("no-match", "The rule does not match this event, so there is "
                        + "nothing to suppress (explainMisses=true on /api/rules/" + id + "/evaluate says why)"));
        try {
            ExceptionDraft.Draft d = ExceptionDraft.fromEvent(rule, event, match.matchedFields(),
                    evaluation.fieldNameMapping(schema), TargetRegistry.builtIn().all());
            return new DraftResponse(id, d.title(), d.yaml(), d.selection());
        } catch (IllegalArgumentException e) {
            throw unprocessable("nothing-to-draft", e.getMessage());
        }
    }

    private static ErrorResponseException unprocessable(String type, String detail) {
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT,
                Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, type, "No exception drafted", detail), null);
    }
}

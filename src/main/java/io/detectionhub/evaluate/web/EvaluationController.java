package io.detectionhub.evaluate.web;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.EvaluationSettings;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Evaluates Sigma rules against uploaded events: JSON (an object with the rule selection and {@code events}, or a
 * bare array), NDJSON, CSV with a header row, or a multipart file upload of any of them. Bodies are streamed and
 * evaluated one event at a time; the limits under {@code detectionhub.evaluation.*} answer 413.
 */
@RestController
@Tag(name = "Evaluation", description = "Does this rule fire on these events, and why?")
class EvaluationController {

    private static final String NDJSON = "application/x-ndjson";
    private static final String CSV = "text/csv";

    private final EvaluationService service;
    private final RuleExceptions exceptions;
    private final JsonEvaluationRequest json;

    EvaluationController(EvaluationService service, RuleExceptions exceptions) {
        this.service = service;
        this.exceptions = exceptions;
        this.json = new JsonEvaluationRequest(service);
    }

    @Operation(summary = "Evaluate rules against events given in a JSON body",
            description = "Body: {\"rule\": \"<Sigma YAML, may hold a correlation rule and the rules it references>\", "
                    + "\"events\": [...]}, or {\"ruleIds\": [...], \"events\": [...]}, or only events (a bare array "
                    + "or {\"events\": [...]}) to run the whole library, routed by logsource. Optional fields: schema, "
                    + "timestampField, product, category, service, placeholders, explainMisses, exceptions (apply or "
                    + "ignore: stored rules run with their tuning exceptions by default). Put \"events\" last so "
                    + "they are evaluated while they are read.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "200", description = "Matches with explanations, matches suppressed by "
            + "tuning exceptions (each naming its exception) and correlation alerts")
    @ApiResponse(responseCode = "400", description = "Invalid Sigma rule (the parser's problems are listed) or "
            + "unreadable events")
    @ApiResponse(responseCode = "404", description = "Unknown rule id")
    @ApiResponse(responseCode = "413", description = "Upload over the evaluation limits")
    @ViewerRole
    @PostMapping(path = "/api/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResponse evaluateJson(@Parameter(hidden = true) InputStream body,
                                         @RequestParam(required = false) String rule,
                                         @RequestParam(required = false) List<String> ruleIds,
                                         @ParameterObject @ModelAttribute EvaluationSettings settings) {
        requireStoredIds(ruleIds);
        return response(json.evaluate(body, null, rule, ruleIds, settings));
    }

    @Operation(summary = "Evaluate rules against events in an NDJSON or CSV body",
            description = "The body holds only events (one JSON object per line, or CSV with a header row); the rule "
                    + "selection comes as query parameters: rule (Sigma YAML) or ruleIds, none for the whole library.")
    @ApiResponse(responseCode = "200", description = "Matches with explanations, matches suppressed by "
            + "tuning exceptions (each naming its exception) and correlation alerts")
    @ApiResponse(responseCode = "413", description = "Upload over the evaluation limits")
    @ViewerRole
    @PostMapping(path = "/api/evaluate", consumes = {NDJSON, "application/jsonl", CSV, MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResponse evaluateStream(@Parameter(hidden = true) InputStream body,
                                           @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                           @RequestParam(required = false) String rule,
                                           @RequestParam(required = false) List<String> ruleIds,
                                           @ParameterObject @ModelAttribute EvaluationSettings settings) {
        RuleSelection selection = RuleSelection.of(rule, ruleIds);
        return evaluateEvents(selection, settings, body, EventReaders.formatOf(contentType));
    }

    @Operation(summary = "Evaluate rules against an uploaded event file",
            description = "multipart/form-data with a part 'file' (JSON array, NDJSON or CSV, recognised by content "
                    + "type, file name or first byte) and the fields rule or ruleIds (none for the whole library).")
    @ApiResponse(responseCode = "200", description = "Matches with explanations, matches suppressed by "
            + "tuning exceptions (each naming its exception) and correlation alerts")
    @ApiResponse(responseCode = "413", description = "Upload over the evaluation limits")
    @ViewerRole
    @PostMapping(path = "/api/evaluate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResponse evaluateUpload(@RequestParam("file") MultipartFile file,
                                           @RequestParam(required = false) String rule,
                                           @RequestParam(required = false) List<String> ruleIds,
                                           @ParameterObject @ModelAttribute EvaluationSettings settings)
            throws IOException {
        return evaluateFile(RuleSelection.of(rule, ruleIds), settings, file);
    }

    @Operation(summary = "Evaluate one stored rule against events (JSON, NDJSON or CSV body)",
            description = "JSON: a bare array of events or {\"events\": [...], ...settings}; NDJSON and CSV bodies "
                    + "hold only events.")
    @ApiResponse(responseCode = "200", description = "Matches with explanations, matches suppressed by "
            + "tuning exceptions (each naming its exception) and correlation alerts")
    @ApiResponse(responseCode = "404", description = "Unknown rule id")
    @ApiResponse(responseCode = "413", description = "Upload over the evaluation limits")
    @ViewerRole
    @PostMapping(path = "/api/rules/{id}/evaluate", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON,
            "application/jsonl", CSV, MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResponse evaluateStored(@PathVariable String id,
                                           @Parameter(hidden = true) InputStream body,
                                           @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
                                           @ParameterObject @ModelAttribute EvaluationSettings settings) {
        this.service.requireStored(List.of(id));
        RuleSelection selection = new RuleSelection.Ids(List.of(id));
        EventReaders.Format format = EventReaders.formatOf(contentType);
        if (format == EventReaders.Format.JSON) {
            return response(json.evaluate(body, selection, null, null, settings));
        }
        return evaluateEvents(selection, settings, body, format);
    }

    @Operation(summary = "Evaluate one stored rule against an uploaded event file")
    @ApiResponse(responseCode = "200", description = "Matches with explanations, matches suppressed by "
            + "tuning exceptions (each naming its exception) and correlation alerts")
    @ApiResponse(responseCode = "404", description = "Unknown rule id")
    @ViewerRole
    @PostMapping(path = "/api/rules/{id}/evaluate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluationResponse evaluateStoredUpload(@PathVariable String id,
                                                 @RequestParam("file") MultipartFile file,
                                                 @ParameterObject @ModelAttribute EvaluationSettings settings)
            throws IOException {
        this.service.requireStored(List.of(id));
        return evaluateFile(new RuleSelection.Ids(List.of(id)), settings, file);
    }

    private EvaluationResponse evaluateFile(RuleSelection selection, EvaluationSettings params, MultipartFile file)
            throws IOException {
        EventReaders.Format format = EventReaders.formatOf(file.getContentType());
        if (format == null) {
            format = EventReaders.formatOfFileName(file.getOriginalFilename());
        }
        try (InputStream in = file.getInputStream()) {
            return evaluateEvents(selection, params, in, format);
        }
    }

    private EvaluationResponse evaluateEvents(RuleSelection selection, EvaluationSettings params, InputStream body,
                                            EventReaders.Format format) {
        if (selection instanceof RuleSelection.Ids ids) {
            service.requireStored(ids.ids());
        }
        EvaluationService.CompiledSelection compiled = service.compile(selection, params);
        try (EventReader reader = format == null ? EventReaders.open(body, (String) null, service.limits())
                : EventReaders.open(body, format, service.limits())) {
            return response(new JsonEvaluationRequest.Outcome(service.evaluate(compiled, reader, params), params));
        }
    }

    /** The result with the tuning exception behind each suppressed match. */
    private EvaluationResponse response(JsonEvaluationRequest.Outcome outcome) {
        return EvaluationResponse.of(outcome.result(), outcome.settings().appliesExceptions(), exceptions::find);
    }

    private void requireStoredIds(List<String> ids) {
        if (ids != null && !ids.isEmpty()) {
            service.requireStored(ids.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
    }
}

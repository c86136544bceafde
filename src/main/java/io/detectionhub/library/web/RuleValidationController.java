package io.detectionhub.library.web;

import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.web.RequestText;
import io.detectionhub.web.YamlRequestMapping;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Validates Sigma YAML without storing it: the editor's live validation, and a check for scripts and CI. Answers
 * 200 whether or not the text is valid; the problems are the parser's, with their lines.
 */
@RestController
class RuleValidationController {

    /** The verdict: {@code valid}, and every problem found (empty when valid). */
    public record ValidationResult(boolean valid, List<SigmaProblem> problems) {
    }

    private final SigmaParser parser = new SigmaParser();

    @Operation(summary = "Validate Sigma YAML without storing it",
            description = "Body: one or more Sigma documents (rules, correlations, filters). 200 for any text: "
                    + "{\"valid\": true|false, \"problems\": [{\"message\", \"line\", \"column\", \"path\"}]}; 400 "
                    + "when the body is not valid text in its charset (UTF-8 unless stated).")
    @ViewerRole
    @YamlRequestMapping(method = RequestMethod.POST, path = "/api/rules/validate",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ValidationResult validate(@RequestBody(required = false) byte[] body,
                              @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType) {
        String yaml = body == null ? null : RequestText.decode(body, contentType);
        if (yaml == null || yaml.isBlank()) {
            return new ValidationResult(false, List.of(new SigmaProblem("The rule is empty.", 0, 0, "")));
        }
        try {
            parser.parse(yaml);
            return new ValidationResult(true, List.of());
        } catch (SigmaValidationException e) {
            return new ValidationResult(false, e.problems());
        }
    }
}

package io.detectionhub.deployment;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * A rule cannot be exported as asked: the target cannot translate it, or the validator found errors. 422 problem
 * details {@code not-deployable} with the {@code ruleId}, {@code format}, {@code target} and the {@code findings}
 * (each with level, field and message).
 */
public class NotDeployableException extends ErrorResponseException {

    private final List<Finding> findings;

    public NotDeployableException(String ruleId, DeploymentFormat format, String target, String detail,
                                  List<Finding> findings) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "not-deployable",
                "Rule not deployable", detail), null);
        getBody().setProperty("ruleId", ruleId);
        getBody().setProperty("format", format.keyword());
        getBody().setProperty("target", target);
        getBody().setProperty("findings", findings.stream()
                .map(f -> java.util.Map.of("level", f.level().name().toLowerCase(java.util.Locale.ROOT),
                        "field", f.field(), "message", f.message())).toList());
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

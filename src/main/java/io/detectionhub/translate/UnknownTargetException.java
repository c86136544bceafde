package io.detectionhub.translate;

import io.detectionhub.web.Problems;
import io.detectionhub.web.RequestText;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * No built-in, generic or user-defined KQL target has this name (or the version asked for does not exist): 404
 * problem details {@code unknown-target} naming the {@code target}.
 */
public class UnknownTargetException extends ErrorResponseException {

    private final String targetName;

    public UnknownTargetException(String targetName, String message) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "unknown-target", "Unknown KQL target", message),
                null);
        getBody().setProperty("target", targetName == null ? null : RequestText.printable(targetName));
        this.targetName = targetName;
    }

    /** The target is unknown; the message lists the names that are known. */
    public static UnknownTargetException among(String targetName, List<String> known) {
        return new UnknownTargetException(targetName, "No KQL target named '" + RequestText.printable(targetName)
                + "'. Known targets: " + String.join(", ", known) + ".");
    }

    public String targetName() {
        return targetName;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

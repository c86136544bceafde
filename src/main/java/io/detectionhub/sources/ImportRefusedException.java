package io.detectionhub.sources;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An upload that cannot be imported at all (not a rule file or archive, an unsafe or oversized archive, an unknown
 * job): problem details {@code import-refused} (400), {@code archive-too-large} (413) or {@code import-not-found}
 * (404); nothing was stored.
 */
public class ImportRefusedException extends ErrorResponseException {

    private ImportRefusedException(HttpStatus status, String type, String title, String message) {
        super(status, Problems.of(status, type, title, message), null);
    }

    static ImportRefusedException refused(String message) {
        return new ImportRefusedException(HttpStatus.BAD_REQUEST, "import-refused", "Import refused", message);
    }

    static ImportRefusedException tooLarge(String message) {
        return new ImportRefusedException(HttpStatus.CONTENT_TOO_LARGE, "archive-too-large", "Archive too large",
                message);
    }

    public static ImportRefusedException notFound(long id) {
        return new ImportRefusedException(HttpStatus.NOT_FOUND, "import-not-found", "Import not found",
                "There is no import " + id + ".");
    }

    static ImportRefusedException conflict(String message) {
        return new ImportRefusedException(HttpStatus.CONFLICT, "sync-running", "A sync is running", message);
    }

    public static ImportRefusedException sourceNotFound(long id) {
        return new ImportRefusedException(HttpStatus.NOT_FOUND, "source-not-found", "Source not found",
                "There is no git source " + id + ".");
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

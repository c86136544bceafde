package io.detectionhub.deployment;

import io.detectionhub.web.Problems;
import io.detectionhub.web.RequestText;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No background export with this id (never made, or older than a day): 404 {@code export-not-found}. */
public class ExportNotFoundException extends ErrorResponseException {

    public ExportNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "export-not-found", "Export not found",
                "No deployment export with id '" + RequestText.printable(id) + "'. Exports are kept for a day; "
                        + "start a new one from the Rules page or POST /api/deploy/exports."), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

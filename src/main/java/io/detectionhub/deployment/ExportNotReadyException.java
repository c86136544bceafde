package io.detectionhub.deployment;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The export's zip is asked for while it still runs, or after it failed: 409 {@code export-not-ready}. */
public class ExportNotReadyException extends ErrorResponseException {

    public ExportNotReadyException(ExportJob job) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "export-not-ready", "Export not ready",
                ExportJob.FAILED.equals(job.status()) ? "The export failed: " + job.message()
                        : "The export is still running (" + job.done() + " of " + job.total() + " rules read); "
                        + "ask again when its status is DONE."), null);
        getBody().setProperty("status", job.status());
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}

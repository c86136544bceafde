package io.detectionhub.web;

import java.io.IOException;

/**
 * A request body exceeds its configured limit. An {@link IOException} so that it can be thrown while a body is being
 * read; {@link ApiProblemAdvice} turns it into 413 problem details wherever it surfaces.
 */
public class PayloadTooLargeException extends IOException {

    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of " + limitBytes + " bytes.");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}

package io.detectionhub.attack.catalog.stix;

/** The input is not a usable ATT&amp;CK STIX bundle, or exceeds a limit. */
public class StixFormatException extends RuntimeException {

    public StixFormatException(String message) {
        super(message);
    }

    public StixFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.detectionhub.attack.admin;

/** An upload (or an archive entry, or an archive's unpacked total) exceeds a configured limit: answered with 413. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(String message) {
        super(message);
    }
}

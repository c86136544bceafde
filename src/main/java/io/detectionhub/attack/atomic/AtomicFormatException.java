package io.detectionhub.attack.atomic;

/** An Atomic definition, index or archive that cannot be used (bad YAML, bad structure, a limit exceeded). */
public class AtomicFormatException extends RuntimeException {

    public AtomicFormatException(String message) {
        super(message);
    }

    public AtomicFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

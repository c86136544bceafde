package io.detectionhub.translate.custom;

/**
 * The version a change named ({@code If-Match}, or the editor's version) is no longer the current one (412); carries
 * the current version, with who wrote it.
 */
public class TargetVersionMismatchException extends RuntimeException {

    private final TargetVersion current;

    public TargetVersionMismatchException(long expected, TargetVersion current) {
        super("the target '" + current.name() + "' was changed by " + current.changedBy() + " since version "
                + expected + " was read: it is at version " + current.version()
                + "; reload it and apply your change again");
        this.current = current;
    }

    /** The version stored now. */
    public TargetVersion current() {
        return current;
    }
}

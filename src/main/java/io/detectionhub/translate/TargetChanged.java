package io.detectionhub.translate;

/**
 * Published inside the transaction of every change to a user-defined target (create, replace, delete), with the
 * version the change wrote. Listen with {@code @TransactionalEventListener} to act only on committed changes.
 */
public record TargetChanged(Change change, String name, int version, String comment) {

    public enum Change { CREATED, REPLACED, DELETED }
}

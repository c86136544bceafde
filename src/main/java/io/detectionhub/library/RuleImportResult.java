package io.detectionhub.library;

import java.util.List;

/**
 * What importing one file did: {@code ruleIds} are its entries (a multi-document file has several), {@code message}
 * says why a file is invalid or in conflict (null otherwise). A file is imported whole or not at all.
 */
public record RuleImportResult(String path, Status status, List<String> ruleIds, String message) {

    public enum Status {
        /** At least one of its rules is new (the others unchanged or updated). */
        CREATED,
        /** At least one of its rules changed upstream and was updated (none new). */
        UPDATED,
        /** Every rule is stored exactly so already. */
        UNCHANGED,
        /** Not valid Sigma, or refused as a whole (the message says why); nothing stored. */
        INVALID,
        /** A rule of it was edited here since its last import (or was never imported): not overwritten. */
        CONFLICT,
        /** Not a rule file (e.g. a README or a config in a repository); not read. */
        SKIPPED
    }
}

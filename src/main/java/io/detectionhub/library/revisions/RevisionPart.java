package io.detectionhub.library.revisions;

/**
 * Something stored beside a rule (its exceptions, its test cases) that is versioned with it: every revision of the
 * rule stores a snapshot of every part, the diff shows each part's change, and a revert puts each part back.
 * Implemented as a Spring bean by the module that owns the part.
 */
public interface RevisionPart {

    /** The part's name, a stable keyword ({@code exceptions}, {@code tests}): the change of a revision is "name-changed". */
    String name();

    /** Canonical pretty JSON of the part as it is now, in a stable order; {@code "[]"} when there is none. */
    String snapshot(String ruleId);

    /**
     * Puts the part back as {@code snapshot} describes (a revert), in the caller's transaction. Publishes no
     * {@link RulePartChanged}: the revert is itself the revision.
     */
    void restore(String ruleId, String snapshot);
}

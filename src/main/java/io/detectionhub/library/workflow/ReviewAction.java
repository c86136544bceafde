package io.detectionhub.library.workflow;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** A step of the review workflow: from which states it may be taken, and the state it leads to. */
public enum ReviewAction {
    SUBMIT("submit", "submitted", Set.of(ReviewState.DRAFT), ReviewState.IN_REVIEW),
    APPROVE("approve", "approved", Set.of(ReviewState.IN_REVIEW), ReviewState.APPROVED),
    SEND_BACK("send-back", "sent-back", Set.of(ReviewState.IN_REVIEW), ReviewState.DRAFT),
    RETIRE("retire", "retired", Set.of(ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.APPROVED),
            ReviewState.RETIRED),
    REOPEN("reopen", "reopened", Set.of(ReviewState.RETIRED), ReviewState.DRAFT);

    private final String keyword;
    private final String done;
    private final Set<ReviewState> from;
    private final ReviewState to;

    ReviewAction(String keyword, String done, Set<ReviewState> from, ReviewState to) {
        this.keyword = keyword;
        this.done = done;
        this.from = from;
        this.to = to;
    }

    public String keyword() {
        return keyword;
    }

    /** The revision's change and the audit action's verb: {@code submitted}, {@code approved}, ... */
    public String done() {
        return done;
    }

    public boolean allowedFrom(ReviewState state) {
        return from.contains(state);
    }

    public ReviewState to() {
        return to;
    }

    public static Optional<ReviewAction> of(String keyword) {
        return Arrays.stream(values()).filter(a -> a.keyword.equals(keyword)).findFirst();
    }
}

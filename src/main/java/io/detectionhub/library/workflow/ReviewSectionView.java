package io.detectionhub.library.workflow;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * One contributed section of a rule's review ({@link ReviewSection}), rendered the same way by every section on the
 * Review page and returned as it is by the API.
 *
 * @param name    the section's key ({@link ReviewSection#name()})
 * @param title   its heading: "KQL per target", "Test cases"
 * @param status  the section's verdict in one word, for a badge and for clients that only want the headline
 * @param summary one sentence: "The KQL changed for 2 of 4 targets."
 * @param items   one per target, test case, ...; may be empty
 * @param links   where to go next (add test cases, open a target); may be empty
 */
public record ReviewSectionView(String name, String title, Status status, String summary, List<Item> items,
                                List<Link> links) {

    public ReviewSectionView {
        items = List.copyOf(items);
        links = List.copyOf(links);
    }

    /** A section that could not be made: the problem, so the rest of the review still shows. */
    public static ReviewSectionView error(String name, String problem) {
        return new ReviewSectionView(name, name, Status.ERROR, problem, List.of(), List.of());
    }

    /** Whether the reviewer should look closer: something changed, failed or could not be checked. */
    public boolean attention() {
        return status == Status.CHANGED || status == Status.FAILED || status == Status.ERROR;
    }

    /**
     * {@code unchanged} / {@code changed} (the approved and the current revision compared), {@code passed} /
     * {@code failed} (checks run on the current revision), {@code none} (nothing to show, e.g. no test cases),
     * {@code error} (the section could not be made).
     */
    public enum Status {
        UNCHANGED, CHANGED, PASSED, FAILED, NONE, ERROR;

        @JsonValue
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One line of a section.
     *
     * @param key     stable within the section (target name, test case id), for ids and clients
     * @param label   what people read: the target's name, the test case's name
     * @param state   one word the section defines and documents ({@code unchanged}, {@code changed}, {@code new},
     *                {@code untranslatable}; {@code passed}, {@code failed}, {@code error})
     * @param message one or a few sentences: the reason a side cannot translate, a test case's outcome
     * @param note    an aside, may be null: "passed with the approved revision"
     * @param diff    the approved against the current text, null when there is nothing to compare
     * @param link    where the details are (a test case's explanation), may be null
     */
    public record Item(String key, String label, String state, String message, String note, TextDiff diff,
                       Link link) {
    }

    /** A link for people: its text and a path within the application. */
    public record Link(String text, String href) {
    }
}

package io.detectionhub.library.web;

import io.detectionhub.library.RuleService;
import io.detectionhub.web.BadRequestException;

/**
 * The comment of a rule change (why; it becomes the revision's comment): from the JSON body, the {@code comment}
 * parameter or the {@value #HEADER} header, the first one given. Longer than {@link RuleService#MAX_COMMENT}
 * characters is refused (400).
 */
final class ChangeComments {

    static final String HEADER = "X-Change-Comment";
    static final String DESCRIPTION = "Why you make the change (at most 1000 characters): the comment of the rule's "
            + "new revision and of its audit entry. Also accepted as the X-Change-Comment header.";

    private ChangeComments() {
    }

    static String of(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                if (candidate.strip().length() > RuleService.MAX_COMMENT) {
                    throw new BadRequestException("The comment is longer than " + RuleService.MAX_COMMENT
                            + " characters.");
                }
                return RuleService.comment(candidate);
            }
        }
        return null;
    }
}

package io.detectionhub.deployment;

import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.RequestText;

/**
 * Which content of each selected rule a bulk export deploys. By default the approved one: what passed review (the
 * approved revision, even while a newer one waits); rules never approved or retired are left out and reported.
 * {@code latest} deploys every selected rule as it is now, reviewed or not.
 */
public enum DeployedRevision {
    APPROVED("approved"),
    LATEST("latest");

    private final String keyword;

    DeployedRevision(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** @throws BadRequestException for anything but {@code approved} (the default) or {@code latest} */
    public static DeployedRevision of(String keyword) {
        if (keyword == null || keyword.isBlank() || keyword.trim().equals("approved")) {
            return APPROVED;
        }
        if (keyword.trim().equals("latest")) {
            return LATEST;
        }
        throw new BadRequestException("revision must be approved or latest, not '" + RequestText.printable(keyword)
                + "'");
    }
}

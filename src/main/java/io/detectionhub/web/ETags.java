package io.detectionhub.web;

/**
 * The ETags of versioned resources (rules, user-defined targets): the resource's version number in quotes, and the
 * version a client names in {@code If-Match} when it changes the resource.
 */
public final class ETags {

    private ETags() {
    }

    /** The strong ETag of a version: {@code "3"}. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version named by an {@code If-Match} header (weak or strong form), or null when there is no condition
     * (absent, blank or {@code *}).
     *
     * @throws BadRequestException when the header is not an ETag this API gives out
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be an ETag this API returned, such as \"3\".");
        }
    }
}

package io.detectionhub.web;

/**
 * The ETags of versioned resources (rules with their enrichment, user-defined targets): the resource's version number
 * in quotes, and the version a client names in {@code If-Match} when it changes the resource.
 * <p>
 * Changes need a precondition: a {@code PUT} or {@code DELETE} without {@code If-Match} is refused with 428, so that
 * no client overwrites a change it has not seen by accident. {@code If-Match: "3"} changes version 3 only (412 when
 * the resource is at another version); {@code If-Match: *} changes whatever version is stored, deliberately.
 */
public final class ETags {

    /** How the API documents the {@code If-Match} header of a change. */
    public static final String IF_MATCH_DESCRIPTION = "The ETag of the version you read (e.g. \"3\"), or * to change "
            + "whatever version is stored. Required: without it the change is refused with 428.";
    /** How the API documents the answers of a change with {@code If-Match}. */
    public static final String PRECONDITION_FAILED = "The resource changed since the version named in If-Match: "
            + "problem details with currentVersion; the ETag header names the current version";
    public static final String PRECONDITION_REQUIRED = "No If-Match header: send the ETag you read, or * to change "
            + "whatever version is stored";
    public static final String CONCURRENT_CHANGE = "Another change of the same resource committed at the same "
            + "moment; nothing of this request was stored: read it again and retry";

    private ETags() {
    }

    /** The strong ETag of a version: {@code "3"}. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names (weak or strong form), or null for {@code *} (any version).
     *
     * @throws PreconditionRequiredException when the header is absent or blank (428)
     * @throws BadRequestException           when the header is not an ETag this API gives out
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return null;
        }
        value = value.replaceFirst("^W/", "");
        if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be one ETag this API returned, such as \"3\", or * to change "
                    + "whatever version is stored.");
        }
    }
}

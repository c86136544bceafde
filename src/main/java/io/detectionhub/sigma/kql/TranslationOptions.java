package io.detectionhub.sigma.kql;

/**
 * @param header  a comment header with the rule's title, id, level and ATT&amp;CK tags
 * @param analyst the analyst (hunting) form: {@code | project} of the useful columns of the table
 */
public record TranslationOptions(boolean header, boolean analyst) {

    public static final TranslationOptions PLAIN = new TranslationOptions(false, false);
}

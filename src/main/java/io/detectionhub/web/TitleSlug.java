package io.detectionhub.web;

import java.text.Normalizer;
import java.util.Locale;

/** File names for downloads: {@code Shell Invocation Via Ssh - Linux} becomes {@code shell-invocation-via-ssh-linux}. */
public final class TitleSlug {

    private static final int MAX_LENGTH = 80;

    private TitleSlug() {
    }

    /** The slug of {@code title}, or {@code fallback} when the title has no letters or digits. */
    public static String of(String title, String fallback) {
        if (title == null) {
            return fallback;
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }
}

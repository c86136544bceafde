package io.detectionhub.security.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User names: letters, digits and {@code . _ @ + -}, up to 100 characters (an e-mail address fits), compared without
 * case (stored in lower case). No {@code :}, which marks other kinds of actors ({@code api-key:ci}).
 */
public final class UserNames {

    static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,99}");

    private UserNames() {
    }

    /** The stored form of a name as typed: trimmed, lower case. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String normalized) {
        return VALID.matcher(normalized).matches();
    }
}

package io.detectionhub.security.accounts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * What a new password must be: at least {@value #MIN_LENGTH} characters (length beats composition rules, NIST SP
 * 800-63B), at most {@value #MAX_BYTES} bytes in UTF-8 (what bcrypt reads; longer would be silently cut), not the user
 * name. Generated passwords are 20 characters from a 57-letter alphabet without look-alikes (about 116 bits).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("The password must have at most " + MAX_BYTES + " bytes (" + MAX_BYTES
                    + " plain letters; fewer with accents or symbols).");
        }
        if (password.strip().equalsIgnoreCase(username)) {
            return Optional.of("The password must not be the user name.");
        }
        return Optional.empty();
    }

    public static String generate() {
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}

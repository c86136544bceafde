package io.detectionhub.security.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API key secrets: {@code dhk_<prefix>_<secret>}, the prefix 8 random characters that find the key (and name it in
 * lists), the rest 32 random bytes (256 bits) in URL-safe Base64.
 * <p>
 * Only SHA-256 of the whole secret is stored. A slow password hash (bcrypt) protects guessable secrets; these are
 * random with 256 bits, so no guessing or precomputed table can reach them, and a fast hash lets every request be
 * checked without costing tens of milliseconds. The stored and computed hashes are compared in constant time
 * ({@link MessageDigest#isEqual}); the prefix lookup only says whether a prefix exists, which is no secret.
 */
final class ApiKeySecrets {

    static final String SCHEME_PREFIX = "dhk_";
    private static final Pattern FORMAT = Pattern.compile("dhk_([a-z2-7]{8})_([A-Za-z0-9_-]{43})");
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new secret and its parts. */
    record Generated(String secret, String prefix, String hash) {
    }

    private ApiKeySecrets() {
    }

    static Generated generate() {
        StringBuilder prefix = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = SCHEME_PREFIX + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Generated(secret, prefix.toString(), hash(secret));
    }

    /** The prefix of a well-formed secret; empty for anything else. */
    static Optional<String> prefixOf(String secret) {
        if (secret == null || secret.length() != 56) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(secret);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}

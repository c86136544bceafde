package io.detectionhub.deployment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The resource name of a deployed rule: a name-based UUID (version 5, RFC 9562) of the rule id in Detection Hub's own
 * namespace, so the same rule always gets the same analytics rule and a redeployment updates it.
 */
public final class StableIds {

    /** Detection Hub's namespace for deployed rules (itself a version 5 UUID of https://detectionhub.io/deploy). */
    static final UUID NAMESPACE = nameBased(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
            "https://detectionhub.io/deploy");

    private StableIds() {
    }

    public static UUID of(String ruleId) {
        return nameBased(NAMESPACE, ruleId);
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        sha1.update(name.getBytes(StandardCharsets.UTF_8));
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}

package io.detectionhub.attack.data;

import java.time.Instant;

/** An admin-loaded catalogue blob as stored in {@code attack_catalogue}. */
public record StoredCatalogue(String kind, long revision, byte[] content, String summary, Instant loadedAt) {
}

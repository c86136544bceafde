package io.detectionhub.attack;

/**
 * Published inside the transaction that stores an admin-loaded ATT&amp;CK catalogue or Atomic index, or removes it
 * (back to the one shipped with the app). {@code kind} is {@code attack} or {@code atomics}.
 */
public record CatalogueChanged(Change change, String kind, long revision, String summary) {

    public enum Change { LOADED, RESET }
}

package io.detectionhub.pages;

/** An ATT&amp;CK technique as a chip on a page: its id and, when known, its name. */
record TechniqueChip(String id, String name) {
}

package io.detectionhub.sigma.parser;

/** Builds the dotted problem paths ({@code detection.selection.Image|endswith}, {@code tags[2]}). */
final class Paths {

    private Paths() {
    }

    static String child(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}

package io.detectionhub.translate.custom;

/**
 * Who makes a change and why. {@code name} is the authenticated principal (security's {@code Actors}), never a name
 * the client sends; it is cleaned of control characters and cut to the column size; blank means "anonymous".
 */
public record Editor(String name, String comment) {

    public static final String ANONYMOUS = "anonymous";
    static final int MAX_NAME = 200;
    static final int MAX_COMMENT = 2000;

    public Editor {
        name = clean(name == null ? null : name.replace('\n', ' '), MAX_NAME);
        if (name == null) {
            name = ANONYMOUS;
        }
        comment = clean(comment, MAX_COMMENT);
    }

    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String c = s.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ").strip();
        if (c.isEmpty()) {
            return null;
        }
        return c.length() > max ? c.substring(0, max) : c;
    }
}

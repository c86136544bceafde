package io.detectionhub.web;

import java.util.regex.Pattern;

/** Turns the light Markdown of ATT&amp;CK descriptions into plain text for pages (links keep their text). */
public final class PlainText {

    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,300})]\\((?:https?://)[^)\\s]{1,500}\\)");
    private static final Pattern CODE = Pattern.compile("<code>([^<]{0,300})</code>");

    private PlainText() {
    }

    public static String fromMarkdown(String text) {
        if (text == null) {
            return null;
        }
        return CODE.matcher(LINK.matcher(text).replaceAll("$1")).replaceAll("$1");
    }
}

package io.detectionhub.attack.catalog;

import java.util.regex.Pattern;

/**
 * Shortens ATT&amp;CK descriptions for the shipped catalogue: drops "(Citation: ...)" markers and keeps whole
 * paragraphs up to a budget, cutting a too-long first paragraph at a sentence end. The full text stays one click
 * away on the canonical ATT&amp;CK page.
 */
public final class DescriptionTrimmer {

    private static final Pattern CITATION = Pattern.compile("\\(Citation:[^)]*\\)");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

    private final int maxChars;

    public DescriptionTrimmer(int maxChars) {
        this.maxChars = maxChars;
    }

    public String trim(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String clean = CITATION.matcher(description).replaceAll("").replace("\r", "").strip();
        String[] paragraphs = BLANK_LINES.split(clean);
        StringBuilder out = new StringBuilder();
        for (String paragraph : paragraphs) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (out.length() + p.length() + 2 > maxChars) {
                if (out.isEmpty()) {
                    out.append(cutAtSentence(p));
                } else {
                    out.append("\n\n…");
                }
                break;
            }
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(p);
        }
        return out.toString();
    }

    private String cutAtSentence(String p) {
        int limit = Math.min(p.length(), maxChars);
        int cut = p.lastIndexOf(". ", limit - 1);
        if (cut < maxChars / 3) {
            int space = p.lastIndexOf(' ', limit - 2);
            return p.substring(0, space > 0 ? space : limit - 1) + " …";
        }
        return p.substring(0, cut + 1) + " …";
    }
}

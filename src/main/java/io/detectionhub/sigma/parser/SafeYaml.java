package io.detectionhub.sigma.parser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.error.YAMLException;

/**
 * Plain YAML data (maps, lists, scalars) read with the Sigma parser's limits: no global tags or objects (safe
 * constructor), at most {@value YamlDocuments#MAX_ALIASES} aliases for collections (no alias bombs), a nesting depth of
 * {@value YamlDocuments#MAX_NESTING_DEPTH}, {@value YamlDocuments#MAX_CHARS} characters, no duplicate keys. For the
 * YAML files that travel with rules (SigmaHQ's regression {@code info.yml}, a rule's own extra fields).
 */
public final class SafeYaml {

    private SafeYaml() {
    }

    /**
     * The documents of the text, as plain data.
     *
     * @throws IllegalArgumentException when the text is not YAML or breaks a limit (the message says which)
     */
    public static List<Object> loadAll(String text) {
        if (text == null) {
            return List.of();
        }
        if (text.length() > YamlDocuments.MAX_CHARS) {
            throw new IllegalArgumentException("YAML too large: " + text.length() + " characters, at most "
                    + YamlDocuments.MAX_CHARS);
        }
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        List<Object> out = new ArrayList<>();
        try {
            for (Object document : YamlDocuments.newYaml().loadAll(new StringReader(body))) {
                out.add(document);
            }
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Not usable YAML: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("The YAML is nested too deeply");
        }
        return out;
    }

    /** The first document as a map, or null when it is none. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> firstMap(String text) {
        List<Object> docs = loadAll(text);
        return !docs.isEmpty() && docs.get(0) instanceof java.util.Map<?, ?> m ? (java.util.Map<String, Object>) m
                : null;
    }
}

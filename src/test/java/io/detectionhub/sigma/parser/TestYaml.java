package io.detectionhub.sigma.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the test YAML files that live beside the tests. */
final class TestYaml {

    private TestYaml() {
    }

    static String read(String name) {
        try (InputStream in = TestYaml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid rule around the given detection section body (indented by 4). */
    static String rule(String detection) {
        return """
                title: Test rule
                logsource:
                    product: windows
                detection:
                """ + detection.stripTrailing().indent(4);
    }
}

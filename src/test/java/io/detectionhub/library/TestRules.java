package io.detectionhub.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test rule texts stored beside the tests (src/test/resources/io/detectionhub/library). */
final class TestRules {

    private TestRules() {
    }

    static String read(String name) {
        try (InputStream in = TestRules.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

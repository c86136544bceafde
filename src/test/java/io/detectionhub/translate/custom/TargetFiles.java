package io.detectionhub.translate.custom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test data beside the tests (src/test/resources/io/detectionhub/translate/custom). */
final class TargetFiles {

    private TargetFiles() {
    }

    static String read(String name) {
        try (InputStream in = TargetFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MyEdr_CL example definition under another name. */
    static String myEdr(String name) {
        return read("myedr.yml").replace("name: myedr", "name: " + name);
    }
}

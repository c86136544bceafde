package io.detectionhub.sigma.kql.target;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The generated columns of the built-in targets are exactly the documented schemas of the tables they use. */
class BuiltInTargetColumnsTest {

    @Test
    void generatedColumnsMatchTheKustoSchemas() throws Exception {
        Path shared = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"));
        assumeTrue(Files.isDirectory(shared.resolve("data/kusto-schemas")), "shared data absent");
        for (String name : TargetRegistry.BUILT_IN_NAMES) {
            String text = Files.readString(BuiltInTargetColumnsGenerator.RESOURCES.resolve(name + ".yml"));
            if (!BuiltInTargetColumnsGenerator.hasGeneratedColumns(text)) {
                continue;
            }
            assertThat(BuiltInTargetColumnsGenerator.generate(text, BuiltInTargetColumnsGenerator.schema(shared, name)))
                    .as("%s.yml is out of date: run BuiltInTargetColumnsGenerator", name)
                    .isEqualTo(text);
        }
    }
}

package io.detectionhub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The feature modules and their boundaries ({@code package-info.java} of each module): no cycles, no use of another
 * module's internals, no dependency a module does not declare. The Sigma core is found as an open library by
 * {@link ModuleDetection}. The module diagrams in {@code docs/modules} are generated from the same model, so they
 * cannot drift from the code: the test regenerates them and fails when the committed ones say something else (the
 * generator's line order varies from build to build, so files are compared as sets of lines, a list's first item
 * without the table cell's {@code |}).
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(DetectionHubApplication.class);
    static final Path COMMITTED = Path.of("docs", "modules");
    static final Path GENERATED = Path.of("target", "modules");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void everyFeatureIsAModule() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .containsExactlyInAnyOrder("web", "security", "attack", "library", "translate", "evaluate", "coverage",
                        "pages", "audit", "sigma", "ruletests", "deployment", "sources", "export");
    }

    @Test
    void committedModuleDiagramsAreTheGeneratedOnes() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Map<String, String> generated = files(GENERATED);
        Map<String, String> committed = files(COMMITTED);
        if (!generated.equals(committed)) {
            // Leave the fresh diagrams where they belong, so the fix is to commit them.
            Files.createDirectories(COMMITTED);
            for (Path stale : list(COMMITTED)) {
                Files.delete(stale);
            }
            for (Path fresh : list(GENERATED)) {
                Files.copy(fresh, COMMITTED.resolve(fresh.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(committed).as("docs/modules differs from the modules in the code; it has been regenerated: "
                + "review and commit it").isEqualTo(generated);
    }

    private static Map<String, String> files(Path folder) {
        Map<String, String> contents = new TreeMap<>();
        for (Path file : list(folder)) {
            try {
                // a list's first item carries the table cell's "|", and which item comes first varies too
                contents.put(file.getFileName().toString(), String.join("\n", Files.readString(file).lines()
                        .map(line -> line.startsWith("|* ") ? line.substring(1) : line).sorted().toList()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

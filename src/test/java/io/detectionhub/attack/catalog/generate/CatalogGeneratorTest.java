package io.detectionhub.attack.catalog.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.AttackCatalogueData;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.attack.catalog.TacticsSource;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.catalog.TechniqueSource;

public class CatalogGeneratorTest {

    public static Path fixture() throws URISyntaxException {
        return Path.of(CatalogGeneratorTest.class.getResource("data").toURI());
    }

    @Test
    void ordersTacticsAsV19WithStealthAndDefenseImpairmentInPlaceOfDefenseEvasion() throws Exception {
        AttackCatalogueData attack = CatalogGenerator.generate(fixture()).attack();
        assertThat(attack.tactics()).extracting(Tactic::shortName)
                .containsExactly("execution", "stealth", "defense-impairment", "discovery");
        assertThat(attack.tactics()).extracting(Tactic::id).containsExactly("TA0002", "TA0005", "TA0112", "TA0007");
    }

    @Test
    void remapsTechniqueTacticsToV19AndSkipsRevokedAndDeprecated() throws Exception {
        Map<String, Technique> byId = byId(CatalogGenerator.generate(fixture()).attack());
        assertThat(byId).doesNotContainKeys("T1064", "T1086");
        // listed by the overlay
        assertThat(byId.get("T1222").tactics()).containsExactly("defense-impairment");
        assertThat(byId.get("T1222").tacticsSource()).isEqualTo(TacticsSource.V19_OVERLAY);
        // not listed, parent listed: follows the parent's replacement of defense-evasion
        assertThat(byId.get("T1222.002").tactics()).containsExactly("defense-impairment");
        assertThat(byId.get("T1222.002").tacticsSource()).isEqualTo(TacticsSource.V19_INFERRED_FROM_PARENT);
        // nobody lists it: defense-evasion renamed stealth
        assertThat(byId.get("T1070.001").tactics()).containsExactly("stealth");
        assertThat(byId.get("T1070.001").tacticsSource()).isEqualTo(TacticsSource.V19_RENAMED_TACTIC);
        assertThat(byId.get("T1082").tactics()).containsExactly("discovery");
        assertThat(byId.get("T1082").tacticsSource()).isEqualTo(TacticsSource.ATTACK);
    }

    @Test
    void addsV19OnlyTechniquesTheOverlayNames() throws Exception {
        Map<String, Technique> byId = byId(CatalogGenerator.generate(fixture()).attack());
        Technique sub = byId.get("T1685.005");
        assertThat(sub.name()).isEqualTo("Clear Windows Event Logs");
        assertThat(sub.parentId()).isEqualTo("T1685");
        assertThat(sub.tactics()).containsExactly("defense-impairment");
        assertThat(sub.source()).isEqualTo(TechniqueSource.V19_OVERLAY);
        assertThat(sub.url()).isEqualTo("https://attack.mitre.org/techniques/T1685/005/");
        assertThat(byId.get("T1685").name()).isEqualTo("Disable or Modify Tools");
    }

    @Test
    void keepsNamesUrlsPlatformsDataComponentsAndTrimsDescriptions() throws Exception {
        Technique shell = byId(CatalogGenerator.generate(fixture()).attack()).get("T1059.004");
        assertThat(shell.name()).isEqualTo("Unix Shell");
        assertThat(shell.parentId()).isEqualTo("T1059");
        assertThat(shell.url()).isEqualTo("https://attack.mitre.org/techniques/T1059/004");
        assertThat(shell.platforms()).containsExactly("Linux");
        assertThat(shell.dataComponents()).containsExactly("Command Execution", "Process: Process Creation");
        assertThat(shell.description()).startsWith("First paragraph about shells.").doesNotContain("Citation")
                .endsWith("…").hasSizeLessThanOrEqualTo(CatalogGenerator.DESCRIPTION_BUDGET + 5);
    }

    @Test
    void indexesAtomicTestsWithCommandsDefaultsAndV19TacticsAndReportsBadFiles() throws Exception {
        CatalogGenerator.Result result = CatalogGenerator.generate(fixture());
        AtomicIndexData atomics = result.atomics();
        assertThat(atomics.techniques()).extracting(AtomicTechnique::techniqueId).containsExactly("T1059.004", "T1685");
        AtomicTechnique tools = atomics.techniques().get(1);
        assertThat(tools.tactics()).containsExactly("defense-impairment");
        AtomicTest stop = tools.tests().get(0);
        assertThat(stop.guid()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(stop.executor().name()).isEqualTo("command_prompt");
        assertThat(stop.executor().elevationRequired()).isTrue();
        assertThat(stop.executor().command()).contains("sc stop #{service}");
        assertThat(stop.inputArguments()).anySatisfy(a -> {
            assertThat(a.name()).isEqualTo("retries");
            assertThat(a.defaultValue()).isEqualTo("3");
        });
        assertThat(tools.tests().get(1).executor().steps()).contains("Open the settings");
        assertThat(result.problems()).singleElement().asString().contains("T9999");
    }

    @Test
    void writesDeterministicResourcesThatReadBack(@TempDir Path out) throws Exception {
        CatalogGenerator.main(new String[] {fixture().toString(), out.toString()});
        byte[] first = Files.readAllBytes(out.resolve(CatalogGenerator.ATTACK_FILE));
        CatalogGenerator.main(new String[] {fixture().toString(), out.toString()});
        assertThat(Files.readAllBytes(out.resolve(CatalogGenerator.ATTACK_FILE))).isEqualTo(first);
        AttackCatalogueData back = CatalogueCodec.readAttack(new ByteArrayInputStream(first));
        assertThat(back.provenance().notice()).contains("© 2025 The MITRE Corporation");
        assertThat(back.provenance().sources()).anySatisfy(s -> assertThat(s).contains(CatalogGenerator.ATTACK_COMMIT));
        assertThat(Files.readString(out.resolve(CatalogGenerator.NOTICE_FILE)))
                .contains("The MITRE Corporation").contains("Red Canary");
        assertThat(Files.exists(out.resolve(CatalogGenerator.ATOMIC_FILE))).isTrue();
        assertThat(Files.exists(out.resolve(CatalogGenerator.OVERLAY_FILE))).isTrue();
    }

    private static Map<String, Technique> byId(AttackCatalogueData data) {
        return data.techniques().stream().collect(Collectors.toMap(Technique::id, Function.identity()));
    }
}

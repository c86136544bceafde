package io.detectionhub.attack.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.detectionhub.attack.catalog.generate.CatalogGenerator;

/** Lookups over the catalogue shipped in the jar. */
class AttackCatalogTest {

    static AttackCatalog catalog;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AttackCatalog.class.getResourceAsStream(
                "/io/detectionhub/attack/" + CatalogGenerator.ATTACK_FILE)) {
            catalog = new AttackCatalog(CatalogueCodec.readAttack(in));
        }
    }

    @Test
    void tacticsFollowV19MatrixOrder() {
        assertThat(catalog.tactics()).extracting(Tactic::shortName).containsExactly("reconnaissance",
                "resource-development", "initial-access", "execution", "persistence", "privilege-escalation",
                "stealth", "defense-impairment", "credential-access", "discovery", "lateral-movement", "collection",
                "command-and-control", "exfiltration", "impact");
    }

    @Test
    void findsTacticsByShortNameTagIdNameAndOldDefenseEvasionName() {
        assertThat(catalog.tactic("attack.defense_impairment")).get().extracting(Tactic::id).isEqualTo("TA0112");
        assertThat(catalog.tactic("TA0002")).get().extracting(Tactic::shortName).isEqualTo("execution");
        assertThat(catalog.tactic("Command and Control")).get().extracting(Tactic::id).isEqualTo("TA0011");
        assertThat(catalog.tactic("defense-evasion")).get().extracting(Tactic::shortName).isEqualTo("stealth");
        assertThat(catalog.tactic("no-such-tactic")).isEmpty();
    }

    @Test
    void looksUpTechniquesSubTechniquesAndParents() {
        Technique shell = catalog.technique("t1059.004");
        assertThat(shell.name()).isEqualTo("Unix Shell");
        assertThat(shell.tactics()).containsExactly("execution");
        assertThat(shell.inCatalogue()).isTrue();
        assertThat(catalog.fullName("T1059.004")).isEqualTo("Command and Scripting Interpreter: Unix Shell");
        assertThat(catalog.parent("T1059.004")).get().extracting(Technique::id).isEqualTo("T1059");
        assertThat(catalog.subTechniques("T1059")).extracting(Technique::id).contains("T1059.001", "T1059.004")
                .isSorted();
        assertThat(catalog.parent("T1059")).isEmpty();
    }

    @Test
    void knowsV19OnlyIdsFromTheOverlay() {
        Technique t = catalog.technique("T1685.001");
        assertThat(t.name()).isEqualTo("Disable or Modify Windows Event Log");
        assertThat(t.tactics()).containsExactly("defense-impairment");
        assertThat(t.source()).isEqualTo(TechniqueSource.V19_OVERLAY);
        assertThat(catalog.subTechniques("T1685")).extracting(Technique::id).contains("T1685.001", "T1685.005");
    }

    @Test
    void neverRejectsAnUnknownId() {
        Technique unknown = catalog.technique("T1686.002");
        assertThat(unknown.id()).isEqualTo("T1686.002");
        assertThat(unknown.inCatalogue()).isFalse();
        assertThat(unknown.source()).isEqualTo(TechniqueSource.UNKNOWN);
        assertThat(unknown.parentId()).isEqualTo("T1686");
        assertThat(unknown.url()).isEqualTo("https://attack.mitre.org/techniques/T1686/002/");
        assertThat(unknown.displayName()).isEqualTo("T1686.002");
        assertThat(catalog.technique("not-an-id").id()).isEqualTo("NOT-AN-ID");
        assertThat(catalog.technique("not-an-id").url()).isNull();
        assertThat(catalog.find("T9999")).isEmpty();
    }

    @Test
    void usesTheFallbackForUnknownIds() {
        AttackCatalog withFallback = new AttackCatalog(catalog.data(),
                id -> Technique.minimal(id, "Named Elsewhere", List.of("impact"), TechniqueSource.ATOMIC_INDEX));
        assertThat(withFallback.technique("T1999").name()).isEqualTo("Named Elsewhere");
        assertThat(withFallback.technique("T1999").tactics()).containsExactly("impact");
    }

    @Test
    void buildsTheMatrixWithEveryLiveTechniqueUnderEachOfItsTactics() {
        assertThat(catalog.matrix()).hasSize(15);
        AttackCatalog.MatrixColumn execution = catalog.matrix().get(3);
        assertThat(execution.tactic().shortName()).isEqualTo("execution");
        assertThat(execution.techniques()).anySatisfy(mt -> {
            assertThat(mt.technique().id()).isEqualTo("T1059");
            assertThat(mt.subTechniques()).extracting(Technique::id).contains("T1059.004");
        });
        assertThat(catalog.techniquesForTactic("defense-impairment")).extracting(Technique::id).contains("T1685");
        long placed = catalog.matrix().stream().flatMap(c -> c.techniques().stream()).map(mt -> mt.technique().id())
                .distinct().count();
        long topLevel = catalog.data().techniques().stream().filter(t -> !t.isSubTechnique()).count();
        assertThat(placed).isEqualTo(topLevel);
    }

    @Test
    void searchesIdsBeforeNames() {
        assertThat(catalog.search("T1059.004", 5)).extracting(Technique::id).first().isEqualTo("T1059.004");
        assertThat(catalog.search("unix shell", 5)).extracting(Technique::id).contains("T1059.004");
        assertThat(catalog.search("powershell", 5)).extracting(Technique::id).first().isEqualTo("T1059.001");
        assertThat(catalog.search("  ", 5)).isEmpty();
        assertThat(catalog.search("T10", 3)).hasSize(3);
    }
}

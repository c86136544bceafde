package io.detectionhub.attack.admin;

import io.detectionhub.attack.catalog.generate.CatalogGeneratorTest;
import io.detectionhub.attack.data.AttackDataService;
import io.detectionhub.attack.data.CatalogueRepository;
import io.detectionhub.testsupport.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue store on a real PostgreSQL: migration V10 (BYTEA blob), admin loads, and a second instance (its own
 * AttackDataService over the same database) picking the load up.
 */
@PostgresTest
class CatalogueStorePostgresTest {

    @Autowired
    CatalogueLoader loader;

    @Autowired
    CatalogueRepository repository;

    @Autowired
    AttackDataService thisInstance;

    @AfterEach
    void reset() {
        repository.delete(CatalogueRepository.ATTACK);
        repository.delete(CatalogueRepository.ATOMICS);
    }

    @Test
    void aLoadThroughOneInstanceReachesAnotherAndAResetRestoresTheShippedCatalogue() throws Exception {
        AttackDataService otherInstance = new AttackDataService(repository, Duration.ZERO);
        assertThat(otherInstance.catalog().tactics()).hasSize(15);
        try (InputStream bundle = Files.newInputStream(
                CatalogGeneratorTest.fixture().resolve("attack/enterprise-attack-subset.json"))) {
            CatalogueLoadResult result = loader.loadStixBundle(bundle, null, "fixture");
            assertThat(result.revision()).isPositive();
        }
        assertThat(thisInstance.catalog().tactics()).hasSize(4);
        assertThat(otherInstance.catalog().tactics()).hasSize(4);
        assertThat(otherInstance.catalog().technique("T1222.002").tactics()).containsExactly("defense-impairment");
        String versionAfterLoad = otherInstance.current().version();

        try (InputStream bundle = Files.newInputStream(
                CatalogGeneratorTest.fixture().resolve("attack/enterprise-attack-subset.json"))) {
            loader.loadStixBundle(bundle, "18.1", "fixture again");
        }
        assertThat(otherInstance.current().version()).isNotEqualTo(versionAfterLoad);

        assertThat(loader.reset(CatalogueRepository.ATTACK)).isTrue();
        assertThat(otherInstance.catalog().tactics()).hasSize(15);
    }

    @Test
    void storesAnAtomicIndexInTheAppFormat() {
        String index = """
                {"formatVersion":1,"provenance":{"sources":["test"],"version":"t1"},
                 "techniques":[{"techniqueId":"T1059.004","displayName":"Bash","tactics":["execution"],
                   "tests":[{"number":1,"guid":"7e7ac3ed-f795-4fa5-b711-09d6fbe9b873","name":"only test",
                     "platforms":["linux"],"executor":{"name":"sh","command":"id"}}]}]}
                """;
        CatalogueLoadResult result = loader.loadAtomicsJson(new ByteArrayInputStream(index.getBytes()));
        assertThat(result.tests()).isEqualTo(1);
        assertThat(thisInstance.atomics().tests("T1059.004")).singleElement()
                .satisfies(t -> assertThat(t.name()).isEqualTo("only test"));
        assertThat(thisInstance.atomics().tests("T1003")).isEmpty();
    }
}

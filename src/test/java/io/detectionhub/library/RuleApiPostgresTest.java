package io.detectionhub.library;

import io.detectionhub.testsupport.EmbeddedPostgresDatabase;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same API tests on a real PostgreSQL (the production database): the migrations, the portable SQL of search
 * (LIKE with escapes, EXISTS subqueries), timestamps and the library version counter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"detectionhub.starter-library.enabled=false",
                // the contract tests the library alone: without the ATT&CK feature's auto-enrichment
                "detectionhub.attack.auto-enrichment=false"})
@AutoConfigureRestTestClient
class RuleApiPostgresTest extends RuleApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}

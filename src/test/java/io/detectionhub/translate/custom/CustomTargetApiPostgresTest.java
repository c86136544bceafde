package io.detectionhub.translate.custom;

import io.detectionhub.testsupport.EmbeddedPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The targets API on a real PostgreSQL: the V20 migration, the version table, timestamps and the change counter. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "detectionhub.starter-library.enabled=false")
class CustomTargetApiPostgresTest extends CustomTargetApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}

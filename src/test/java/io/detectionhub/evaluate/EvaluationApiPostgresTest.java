package io.detectionhub.evaluate;

import io.detectionhub.testsupport.EmbeddedPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The same evaluation API tests on a real PostgreSQL: the library's snapshot and stored rules read from it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.starter-library.enabled=false", "detectionhub.evaluation.max-events=50",
        "detectionhub.evaluation.max-event-size=20KB", "detectionhub.evaluation.max-bytes=200KB"})
@ContextConfiguration(initializers = EmbeddedPostgresDatabase.Initializer.class)
class EvaluationApiPostgresTest extends EvaluationApiContract {
}

package io.detectionhub.evaluate;

import org.springframework.boot.test.context.SpringBootTest;

/** The evaluation API on the default database, H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.starter-library.enabled=false", "detectionhub.evaluation.max-events=50",
        "detectionhub.evaluation.max-event-size=20KB", "detectionhub.evaluation.max-bytes=200KB"})
class EvaluationApiH2Test extends EvaluationApiContract {
}

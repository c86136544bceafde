package io.detectionhub.library;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

/** The rule API on the default database, H2 (an in-memory database of its own). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"detectionhub.starter-library.enabled=false",
                // the contract tests the library alone: without the ATT&CK feature's auto-enrichment
                "detectionhub.attack.auto-enrichment=false"})
@AutoConfigureRestTestClient
class RuleApiH2Test extends RuleApiContract {
}

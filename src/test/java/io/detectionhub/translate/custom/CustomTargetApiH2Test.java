package io.detectionhub.translate.custom;

import org.springframework.boot.test.context.SpringBootTest;

/** The targets API on H2 (the default database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "detectionhub.starter-library.enabled=false")
class CustomTargetApiH2Test extends CustomTargetApiContract {
}

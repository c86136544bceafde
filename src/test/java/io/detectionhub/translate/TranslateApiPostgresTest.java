package io.detectionhub.translate;

import io.detectionhub.testsupport.PostgresTest;

/** The same translation API tests on a real PostgreSQL: stored rules and user targets read from it. */
@PostgresTest
class TranslateApiPostgresTest extends TranslateApiContract {
}

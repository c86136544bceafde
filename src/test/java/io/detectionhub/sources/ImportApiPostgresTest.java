package io.detectionhub.sources;

import io.detectionhub.testsupport.PostgresTest;

/** The import API tests on a real PostgreSQL: jobs, reports, rules and provenance written to it. */
@PostgresTest
class ImportApiPostgresTest extends ImportApiContract {
}

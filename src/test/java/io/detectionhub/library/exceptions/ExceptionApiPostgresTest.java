package io.detectionhub.library.exceptions;

import io.detectionhub.testsupport.PostgresTest;

/** The same on a real PostgreSQL: migrations V100 and V101, DATE and row locks. */
@PostgresTest
class ExceptionApiPostgresTest extends ExceptionApiContract {
}

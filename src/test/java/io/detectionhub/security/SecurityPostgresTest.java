package io.detectionhub.security;

import io.detectionhub.testsupport.PostgresTest;

/** {@link SecurityContract} on a real PostgreSQL. */
@PostgresTest
class SecurityPostgresTest extends SecurityContract {
}

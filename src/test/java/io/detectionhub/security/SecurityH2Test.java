package io.detectionhub.security;

import io.detectionhub.testsupport.AppTest;

/** {@link SecurityContract} on the embedded H2 database. */
@AppTest
class SecurityH2Test extends SecurityContract {
}

package io.detectionhub.security.accounts;

import io.detectionhub.testsupport.PostgresTest;

@PostgresTest
class ExternalSignInPostgresTest extends ExternalSignInContract {
}

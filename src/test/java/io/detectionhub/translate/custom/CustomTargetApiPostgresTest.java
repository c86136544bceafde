package io.detectionhub.translate.custom;

import io.detectionhub.testsupport.PostgresTest;

/** The targets API on a real PostgreSQL: the V20 migration, the version table, timestamps and the change counter. */
@PostgresTest
class CustomTargetApiPostgresTest extends CustomTargetApiContract {
}

package io.detectionhub.library;

import io.detectionhub.testsupport.PostgresTest;

/**
 * The same API tests on a real PostgreSQL (the production database): the migrations, the portable SQL of search
 * (LIKE with escapes, EXISTS subqueries), timestamps and the library version counter.
 */
@PostgresTest
class RuleApiPostgresTest extends RuleApiContract {
}

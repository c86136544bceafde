package io.detectionhub.library.revisions;

import io.detectionhub.testsupport.PostgresTest;

/** The same on a real PostgreSQL: the V80 migration, row locks of restore and purge, timestamps. */
@PostgresTest
class RevisionApiPostgresTest extends RevisionApiContract {
}

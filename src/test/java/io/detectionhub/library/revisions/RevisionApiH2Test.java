package io.detectionhub.library.revisions;

import io.detectionhub.testsupport.AppTest;

/** Revisions and the trash on the default database, H2, in the app as shipped. */
@AppTest
class RevisionApiH2Test extends RevisionApiContract {
}

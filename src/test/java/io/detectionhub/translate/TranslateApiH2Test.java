package io.detectionhub.translate;

import io.detectionhub.testsupport.EmptyLibraryTest;

/** The translation API on the default database, H2. */
@EmptyLibraryTest
class TranslateApiH2Test extends TranslateApiContract {
}

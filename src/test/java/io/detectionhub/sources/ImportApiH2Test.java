package io.detectionhub.sources;

import io.detectionhub.testsupport.EmptyLibraryTest;

/** The import API tests on H2. */
@EmptyLibraryTest
class ImportApiH2Test extends ImportApiContract {
}

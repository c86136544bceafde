package io.detectionhub.library;

import io.detectionhub.testsupport.EmptyLibraryTest;

/** The rule API on the default database, H2. */
@EmptyLibraryTest
class RuleApiH2Test extends RuleApiContract {
}

package io.detectionhub.translate.custom;

import io.detectionhub.testsupport.EmptyLibraryTest;

/** The targets API on H2 (the default database). */
@EmptyLibraryTest
class CustomTargetApiH2Test extends CustomTargetApiContract {
}

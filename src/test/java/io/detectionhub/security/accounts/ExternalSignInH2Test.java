package io.detectionhub.security.accounts;

import io.detectionhub.testsupport.EmptyLibraryTest;

@EmptyLibraryTest
class ExternalSignInH2Test extends ExternalSignInContract {
}

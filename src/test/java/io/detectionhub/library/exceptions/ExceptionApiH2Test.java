package io.detectionhub.library.exceptions;

import io.detectionhub.testsupport.AppTest;

/** Exceptions on the default database, H2, in the app as shipped. */
@AppTest
class ExceptionApiH2Test extends ExceptionApiContract {
}

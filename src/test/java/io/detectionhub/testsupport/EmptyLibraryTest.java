package io.detectionhub.testsupport;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application with an empty rule library at start and without the ATT&amp;CK feature's auto-enrichment (H2), on a
 * random port, with a {@code RestTestClient}: for API tests that count and compare exactly what they store. Every test
 * class with this annotation shares one Spring context; such tests empty the library (or replace their own rules)
 * before they count.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.starter-library.enabled=false", "detectionhub.attack.auto-enrichment=false"})
@AutoConfigureRestTestClient
@Import(TestCredentials.class)
public @interface EmptyLibraryTest {
}

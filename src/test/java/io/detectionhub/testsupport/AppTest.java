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
 * The application as shipped (its starter rules loaded, auto-enrichment on, H2), on a random port, with a
 * {@code RestTestClient} that sends the test admin's API key ({@link TestCredentials}). Every test class with this
 * annotation shares one Spring context (Spring's context cache), so the suite starts it once: tests add the rules
 * they need and leave the starter rules alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import(TestCredentials.class)
public @interface AppTest {
}

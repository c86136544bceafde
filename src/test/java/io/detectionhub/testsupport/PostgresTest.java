package io.detectionhub.testsupport;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link EmptyLibraryTest}, on a real PostgreSQL (the production database, {@link EmbeddedPostgresDatabase}),
 * with the ATT&amp;CK catalogues read from the database on every use. Every test class with this annotation shares one
 * Spring context and one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.starter-library.enabled=false", "detectionhub.attack.auto-enrichment=false",
        "detectionhub.attack.refresh-interval=PT0S"})
@AutoConfigureRestTestClient
@Import(TestCredentials.class)
@ContextConfiguration(initializers = EmbeddedPostgresDatabase.Initializer.class)
public @interface PostgresTest {
}

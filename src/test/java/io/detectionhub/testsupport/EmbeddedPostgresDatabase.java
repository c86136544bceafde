package io.detectionhub.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (zonky embedded binaries) started once per test run, and a fresh database in it for every Spring
 * context that asks for one: {@link PostgresTest} (through its {@link Initializer}), or for an application started
 * as a process ({@link #newDatabaseUrl()}).
 */
public final class EmbeddedPostgresDatabase {

    /** Points the context's datasource at a new, empty database (Flyway migrates it when the context starts). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = createDatabase();
            TestPropertyValues.of("spring.datasource.url=" + server().getJdbcUrl("postgres", database),
                    "spring.datasource.username=postgres", "spring.datasource.password=").applyTo(context);
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabase() {
    }

    /** A new, empty database on the shared server: its JDBC URL (user {@code postgres}, no password). */
    public static String newDatabaseUrl() {
        return server().getJdbcUrl("postgres", createDatabase());
    }

    private static String createDatabase() {
        String name = "detectionhub_test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }
}

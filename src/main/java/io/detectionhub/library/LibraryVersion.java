package io.detectionhub.library;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The library's write counter (table {@code library_state}); bumped in the transaction of every write. */
@Component
class LibraryVersion {

    private final JdbcClient jdbc;

    LibraryVersion(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long current() {
        return jdbc.sql("SELECT version FROM library_state WHERE id = 1").query(Long.class).single();
    }

    /** Must run inside the write transaction; also serialises concurrent writers on the counter row. */
    long bump() {
        jdbc.sql("UPDATE library_state SET version = version + 1 WHERE id = 1").update();
        return current();
    }
}

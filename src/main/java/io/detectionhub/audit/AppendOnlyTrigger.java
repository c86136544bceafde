package io.detectionhub.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's half of the append-only audit log (migration {@code db/vendor/h2/V43}): H2 calls this before every UPDATE or
 * DELETE of a row of {@code audit_entry}, and it refuses. PostgreSQL has the same as a PL/pgSQL trigger.
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_entry is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                "42501");
    }
}

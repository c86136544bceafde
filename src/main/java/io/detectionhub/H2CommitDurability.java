package io.detectionhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes every commit on H2 reach the database file before the commit returns, so that a write the API acknowledged
 * survives the process being killed right after (kill -9, an out-of-memory kill, a container stop without grace).
 * <p>
 * Why: H2's MVStore keeps committed changes in memory and writes them to the file from a background thread at most
 * {@code WRITE_DELAY} milliseconds later (H2 documents 500 ms by default: "the maximum delay between a commit and
 * flushing the log"). A process killed in that window loses transactions that were already committed and answered
 * 2xx. With {@code WRITE_DELAY 0} the MVStore has no background writer and its transaction store writes the changes
 * to the file as each transaction ends, before the commit returns ({@code TransactionStore.endTransaction} calls
 * {@code MVStore.commit()} when the auto-commit delay is 0; H2 2.4). The data is then in the operating system's
 * file cache, which a killed process cannot lose; a power failure still can, as H2 does not sync each commit to
 * the disk: production runs on PostgreSQL (see docs/operations.md, "Data safety").
 * <p>
 * Set here rather than in the database URL so that it holds for any H2 URL an operator configures. The setting
 * affects every connection of the database and is stored in it.
 */
@Component
class H2CommitDurability implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(H2CommitDurability.class);

    private final DataSource dataSource;

    H2CommitDurability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET WRITE_DELAY 0");
            }
            log.debug("H2: WRITE_DELAY 0, every commit is written to the database file before it returns");
        }
    }
}

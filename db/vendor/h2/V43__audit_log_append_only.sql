-- The audit log is append-only in the database too: H2 calls this Java trigger (shipped in the application) before
-- every UPDATE or DELETE on the table, and it refuses. H2 has no TRUNCATE trigger; TRUNCATE is not used.
CREATE TRIGGER audit_entry_no_update_or_delete BEFORE UPDATE, DELETE ON audit_entry
    FOR EACH ROW CALL 'io.detectionhub.audit.AppendOnlyTrigger';

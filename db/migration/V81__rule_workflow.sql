-- The review workflow of rules (see docs/revisions.md#review): draft -> in-review -> approved -> retired. A rule
-- without a row is a draft. approved_revision is the revision that is exported and deployed while a newer one waits
-- for review. Portable SQL (H2 and PostgreSQL).
CREATE TABLE rule_workflow (
    rule_id            VARCHAR(100)  NOT NULL PRIMARY KEY,
    state              VARCHAR(16)   NOT NULL,
    approved_revision  INTEGER,
    changed_by         VARCHAR(200)  NOT NULL,
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_rule_workflow_state ON rule_workflow (state);

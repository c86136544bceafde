-- Rule revisions and the trash (see docs/revisions.md). Portable SQL: runs unchanged on H2 and PostgreSQL.
-- Every change to a rule's YAML or enrichment is a revision holding the whole YAML and enrichment JSON as they were
-- after the change (a deletion keeps the last content, so it can be restored). No foreign key to sigma_rule: the
-- history of a deleted rule stays until an admin purges it.
CREATE TABLE rule_revision (
    rule_id      VARCHAR(100)  NOT NULL,
    revision     INTEGER       NOT NULL,
    change_kind  VARCHAR(32)   NOT NULL,
    author       VARCHAR(200)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    comment      VARCHAR(1000),
    title        VARCHAR(500)  NOT NULL,
    yaml         VARCHAR       NOT NULL,
    enrichment   VARCHAR       NOT NULL,
    PRIMARY KEY (rule_id, revision)
);

-- Deleted rules that can be restored: the revision of their deletion holds their content.
CREATE TABLE rule_trash (
    rule_id      VARCHAR(100)  NOT NULL PRIMARY KEY,
    title        VARCHAR(500)  NOT NULL,
    revision     INTEGER       NOT NULL,
    deleted_by   VARCHAR(200)  NOT NULL,
    deleted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_rule_trash_deleted_at ON rule_trash (deleted_at);

-- Rules stored before revisions existed get their revision 1: the rule as it is now, so no history is empty.
INSERT INTO rule_revision (rule_id, revision, change_kind, author, changed_at, comment, title, yaml, enrichment)
SELECT r.id, 1, 'created', COALESCE(r.updated_by, r.created_by, 'system'), r.updated_at,
       'The rule as it was when revisions began', r.title, r.yaml, COALESCE(e.content, '{}')
FROM sigma_rule r LEFT JOIN rule_enrichment e ON e.rule_id = r.id;

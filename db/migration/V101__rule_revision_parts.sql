-- What a revision holds besides the rule's YAML and enrichment (see docs/revisions.md): a snapshot (canonical JSON) of
-- every part stored beside the rule (exceptions, tests) as it was after the change. A revision without a row for a
-- part did not record that part (it predates the part): revert leaves such a part alone. Portable SQL.
CREATE TABLE rule_revision_part (
    rule_id   VARCHAR(100)  NOT NULL,
    number    INTEGER       NOT NULL,
    part      VARCHAR(32)   NOT NULL,
    content   VARCHAR       NOT NULL,
    PRIMARY KEY (rule_id, number, part)
);

-- No rule had exceptions before this migration, so every existing revision had none: record that, so a revert to
-- one of them removes exceptions added later.
INSERT INTO rule_revision_part (rule_id, number, part, content)
SELECT rule_id, revision, 'exceptions', '[]' FROM rule_revision;

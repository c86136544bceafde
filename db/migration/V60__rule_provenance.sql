-- Where an imported rule came from (issue 17): the source (upload name or repository URL), the revision (commit) when
-- the source has one, the path in the source, when it was retrieved, the licence the source states, and the SHA-256
-- of the YAML as the import stored it (a stored YAML with another hash was edited here since: the next import of the
-- rule reports a conflict instead of overwriting it). Rules written through the API or the editor have no row.
CREATE TABLE rule_provenance (
    rule_id       VARCHAR(100)  NOT NULL PRIMARY KEY REFERENCES sigma_rule (id) ON DELETE CASCADE,
    source        VARCHAR(1000) NOT NULL,
    revision      VARCHAR(100),
    source_path   VARCHAR(1000),
    retrieved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    licence       VARCHAR(200),
    content_hash  VARCHAR(64)   NOT NULL
);
CREATE INDEX ix_rule_provenance_source ON rule_provenance (source);

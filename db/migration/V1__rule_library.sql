-- The rule library. Portable SQL: runs unchanged on H2 (default mode) and PostgreSQL.
-- Unbounded VARCHAR is "character varying" on both; short columns used for filters and sorting have a length
-- (RuleService truncates the derived values to fit; the original YAML is always stored whole).

CREATE TABLE sigma_rule (
    id              VARCHAR(100)  NOT NULL PRIMARY KEY,
    yaml            VARCHAR       NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    name            VARCHAR(200),
    title           VARCHAR(500)  NOT NULL,
    description     VARCHAR,
    status          VARCHAR(50),
    level           VARCHAR(50),
    level_rank      INTEGER       NOT NULL,
    product         VARCHAR(200),
    category        VARCHAR(200),
    service         VARCHAR(200),
    author          VARCHAR(1000),
    rule_date       DATE,
    modified        DATE,
    search_text     VARCHAR       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL
);

CREATE INDEX ix_sigma_rule_level ON sigma_rule (level);
CREATE INDEX ix_sigma_rule_status ON sigma_rule (status);
CREATE INDEX ix_sigma_rule_product ON sigma_rule (product);
CREATE INDEX ix_sigma_rule_category ON sigma_rule (category);
CREATE INDEX ix_sigma_rule_service ON sigma_rule (service);
CREATE INDEX ix_sigma_rule_updated_at ON sigma_rule (updated_at);
CREATE INDEX ix_sigma_rule_name ON sigma_rule (name);

-- Tags exactly as written in the rule, in order.
CREATE TABLE rule_tag (
    rule_id   VARCHAR(100) NOT NULL REFERENCES sigma_rule (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    tag       VARCHAR(200) NOT NULL,
    PRIMARY KEY (rule_id, position)
);
CREATE INDEX ix_rule_tag_tag ON rule_tag (tag);

-- The ATT&CK mapping of the rule's enrichment (derived from attack.* tags unless a person edited it), for filters.
CREATE TABLE rule_tactic (
    rule_id   VARCHAR(100) NOT NULL REFERENCES sigma_rule (id) ON DELETE CASCADE,
    tactic    VARCHAR(100) NOT NULL,
    PRIMARY KEY (rule_id, tactic)
);
CREATE INDEX ix_rule_tactic_tactic ON rule_tactic (tactic);

-- Techniques and sub-techniques (T1059, T1059.004). Filtering by T1059 also finds T1059.004 (prefix "T1059.").
CREATE TABLE rule_technique (
    rule_id       VARCHAR(100) NOT NULL REFERENCES sigma_rule (id) ON DELETE CASCADE,
    technique_id  VARCHAR(20)  NOT NULL,
    PRIMARY KEY (rule_id, technique_id)
);
CREATE INDEX ix_rule_technique_technique ON rule_technique (technique_id);

-- Enrichment as a JSON document (see io.detectionhub.library.Enrichment); one row per rule.
CREATE TABLE rule_enrichment (
    rule_id            VARCHAR(100) NOT NULL PRIMARY KEY REFERENCES sigma_rule (id) ON DELETE CASCADE,
    content            VARCHAR      NOT NULL,
    atomic_test_count  INTEGER      NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A counter bumped in the same transaction as every library write, so that other features (and other app
-- instances) can cache state compiled from the library per version.
CREATE TABLE library_state (
    id       INTEGER NOT NULL PRIMARY KEY,
    version  BIGINT  NOT NULL
);
INSERT INTO library_state (id, version) VALUES (1, 0);

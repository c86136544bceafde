-- Tuning exceptions of rules (see docs/revisions.md#exceptions): Sigma filter documents stored beside a rule, not
-- library rules. Portable SQL: runs unchanged on H2 and PostgreSQL. No foreign key to sigma_rule: the exceptions of a
-- deleted rule stay with it in the trash (a restore brings them back) and go when an admin purges it.
-- expires: the first day on which the exception no longer applies (NULL: never).
CREATE TABLE rule_exception (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    rule_id     VARCHAR(100)  NOT NULL,
    title       VARCHAR(256)  NOT NULL,
    yaml        VARCHAR       NOT NULL,
    author      VARCHAR(200)  NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    expires     DATE,
    ticket      VARCHAR(200),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL
);
CREATE INDEX ix_rule_exception_rule ON rule_exception (rule_id);

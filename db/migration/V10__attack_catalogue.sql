-- Admin-loaded ATT&CK catalogue and Atomic Red Team index (gzipped JSON in the app's compact format).
-- One row per kind ('attack', 'atomics'); no row means the catalogue shipped in the jar is used.
-- Every instance polls the revision and reloads when it changes.
CREATE TABLE attack_catalogue (
    kind          VARCHAR(32)   NOT NULL PRIMARY KEY,
    revision      BIGINT        NOT NULL,
    content       BYTEA         NOT NULL,
    content_bytes BIGINT        NOT NULL,
    summary       VARCHAR(2000) NOT NULL,
    loaded_at     TIMESTAMP     NOT NULL
);

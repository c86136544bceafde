-- Bulk deployment exports run in the background: their progress and, once done, the zip live here, so that any
-- instance answers the progress page and the download (several instances share one database).
CREATE TABLE deployment_export (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    format       VARCHAR(20)              NOT NULL,
    target       VARCHAR(100)             NOT NULL,
    selection    VARCHAR(4000)            NOT NULL,
    status       VARCHAR(10)              NOT NULL,
    total        INTEGER                  NOT NULL,
    done         INTEGER                  NOT NULL,
    exported     INTEGER                  NOT NULL,
    left_out     INTEGER                  NOT NULL,
    message      VARCHAR(2000),
    created_by   VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    zip          BYTEA
);
CREATE INDEX deployment_export_created ON deployment_export (created_at);

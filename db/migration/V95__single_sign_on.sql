-- Single sign-on (io.detectionhub.security). Portable SQL: runs unchanged on H2 and PostgreSQL.

-- A person at an OpenID Connect provider, linked to the account they act as here. The provider's (issuer, subject)
-- pair is the identity: the subject never changes and is never reused, unlike names and e-mail addresses, so a later
-- rename at the provider cannot move a person onto someone else's account. An account has at most one identity per
-- issuer.
CREATE TABLE external_identity (
    issuer           VARCHAR(500)  NOT NULL,
    subject          VARCHAR(255)  NOT NULL,
    account_id       BIGINT        NOT NULL,
    provider         VARCHAR(100)  NOT NULL,
    linked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_external_identity PRIMARY KEY (issuer, subject),
    CONSTRAINT uq_external_identity_account UNIQUE (account_id, issuer),
    CONSTRAINT fk_external_identity_account FOREIGN KEY (account_id) REFERENCES user_account (id)
);

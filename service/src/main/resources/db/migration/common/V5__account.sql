-- Accounts and sessions. Ids are app-generated UUIDs; times are UTC epoch milliseconds.

-- A citizen and the contact they proved at sign-up. contact_hash (HMAC-SHA256 with the deployment's contact
-- key) is the unique lookup; the contact itself is kept so that codes can be sent to the number on the account.
CREATE TABLE citizen (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    name            VARCHAR(400) NOT NULL,
    contact_channel VARCHAR(8)   NOT NULL,
    contact         VARCHAR(320) NOT NULL,
    contact_hash    CHAR(64)     NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE UNIQUE INDEX citizen_contact_hash ON citizen (contact_hash);

-- Bearer-token sessions of every kind of account. Only the SHA-256 of the token is stored.
CREATE TABLE account_session (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash   CHAR(64)     NOT NULL,
    account_kind VARCHAR(16)  NOT NULL,
    account_id   VARCHAR(36)  NOT NULL,
    roles        VARCHAR(256) NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    ended_at     BIGINT,
    end_reason   VARCHAR(16)
);

CREATE UNIQUE INDEX account_session_token ON account_session (token_hash);
CREATE INDEX account_session_account ON account_session (account_kind, account_id);
CREATE INDEX account_session_expiry ON account_session (expires_at);

-- Staff. password_hash is an Argon2id PHC string; totp_secret is AES-256-GCM ciphertext (base64 of
-- nonce || ciphertext || tag, the staff id as associated data). last_totp_step stops a code's replay.
CREATE TABLE staff (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL,
    roles          VARCHAR(256) NOT NULL,
    password_hash  VARCHAR(256) NOT NULL,
    totp_secret    TEXT         NOT NULL,
    last_totp_step BIGINT       NOT NULL,
    created_at     BIGINT       NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    disabled_at    BIGINT
);

CREATE UNIQUE INDEX staff_username ON staff (username);

-- Consecutive failed staff sign-ins per username, whether or not the username exists (so that a lockout
-- never tells an attacker which usernames are real). username_key is an HMAC of the username.
CREATE TABLE staff_login_failure (
    username_key CHAR(64) NOT NULL PRIMARY KEY,
    failures     INTEGER  NOT NULL,
    locked_until BIGINT,
    updated_at   BIGINT   NOT NULL
);

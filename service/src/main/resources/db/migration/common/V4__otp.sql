-- One-time codes. A code is stored only as an HMAC under the server pepper, bound to its request id.
-- The destination is kept (canonical form) only while the code can still be verified; it is blanked when
-- the code is used or expires, and the row is deleted after the cooldown memory (24 h).
CREATE TABLE otp_code (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    destination_hash CHAR(64)     NOT NULL,
    purpose          VARCHAR(32)  NOT NULL,
    channel          VARCHAR(8)   NOT NULL,
    destination      VARCHAR(400) NOT NULL,
    code_mac         CHAR(64)     NOT NULL,
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    attempts         INTEGER      NOT NULL,
    used_at          BIGINT,
    revoked_at       BIGINT
);

CREATE INDEX otp_code_destination ON otp_code (destination_hash, purpose, created_at);
CREATE INDEX otp_code_expiry ON otp_code (expires_at);

-- Wrong codes per destination, for the 10-per-hour lock.
CREATE TABLE otp_failure (
    destination_hash CHAR(64) NOT NULL,
    failed_at        BIGINT   NOT NULL
);

CREATE INDEX otp_failure_destination ON otp_failure (destination_hash, failed_at);

CREATE TABLE otp_lock (
    destination_hash CHAR(64) NOT NULL PRIMARY KEY,
    locked_until     BIGINT   NOT NULL
);

-- Verification tokens: stored as an HMAC, single use, bound to destination and purpose.
CREATE TABLE otp_verification_token (
    token_hash  CHAR(64)     NOT NULL PRIMARY KEY,
    purpose     VARCHAR(32)  NOT NULL,
    destination VARCHAR(400) NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT
);

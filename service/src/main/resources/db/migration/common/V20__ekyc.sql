-- eKYC vault (issue 5). Ids are app-generated; times are UTC epoch milliseconds; binary values are base64 text.
-- Relying parties: the API secret itself is never stored, only its SHA-256 sealed under the key-encryption keyset.
CREATE TABLE ekyc_relying_party (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    purposes      VARCHAR(1000) NOT NULL,
    retention     VARCHAR(32)   NOT NULL,
    allowed_cidrs VARCHAR(2000) NOT NULL,
    key_id        VARCHAR(40)   NOT NULL UNIQUE,
    key_sealed    VARCHAR(400)  NOT NULL,
    created_by    VARCHAR(80)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    disabled_at   BIGINT
);

-- Nonces of signed requests, remembered until the request's timestamp has left the acceptance window:
-- the primary key makes a replay fail atomically on every node.
CREATE TABLE ekyc_nonce (
    key_id     VARCHAR(40) NOT NULL,
    nonce      VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX ekyc_nonce_expiry ON ekyc_nonce (expires_at);

-- A citizen's consent to one relying party and purpose, confirmed with an EKYC_CONSENT code.
CREATE TABLE ekyc_consent (
    id               VARCHAR(36) NOT NULL PRIMARY KEY,
    citizen_id       VARCHAR(36) NOT NULL,
    relying_party_id VARCHAR(36) NOT NULL,
    purpose          VARCHAR(40) NOT NULL,
    status           VARCHAR(16) NOT NULL,
    created_at       BIGINT      NOT NULL,
    granted_at       BIGINT,
    revoked_at       BIGINT
);
CREATE INDEX ekyc_consent_citizen ON ekyc_consent (citizen_id);

-- One eKYC session's record: the MyKad number as a keyed HMAC (lookups) and sealed (answers), kept until
-- expires_at (the relying party's retention) or consent revocation, then shredded (both emptied).
CREATE TABLE ekyc_record (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    consent_id       VARCHAR(36)  NOT NULL,
    relying_party_id VARCHAR(36)  NOT NULL,
    citizen_id       VARCHAR(36)  NOT NULL,
    mykad_hmac       VARCHAR(64),
    mykad_sealed     VARCHAR(400),
    created_at       BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    shredded_at      BIGINT
);
CREATE INDEX ekyc_record_consent ON ekyc_record (consent_id);
CREATE INDEX ekyc_record_expiry ON ekyc_record (expires_at);
CREATE INDEX ekyc_record_mykad ON ekyc_record (mykad_hmac);

-- Card images: ciphertext in the blob store under a random name, the wrapped per-image data key here.
-- Shredding nulls data_key (crypto-shredding) and deletes the blob.
CREATE TABLE ekyc_image (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    record_id   VARCHAR(36)   NOT NULL,
    side        VARCHAR(8)    NOT NULL,
    format      VARCHAR(8)    NOT NULL,
    width       INTEGER       NOT NULL,
    height      INTEGER       NOT NULL,
    blob_name   VARCHAR(32)   NOT NULL,
    data_key    VARCHAR(2000),
    created_at  BIGINT        NOT NULL,
    shredded_at BIGINT
);
CREATE INDEX ekyc_image_record ON ekyc_image (record_id);

-- Leak investigations (issue 15). Times are UTC epoch milliseconds; ids are app-generated.

-- eKYC: one row per rendition access, written with its sensitive_read audit entry before the bytes leave, so that an
-- access id decoded from a leaked image resolves to the relying party, consent, purpose, time and source address.
CREATE TABLE ekyc_rendition_access (
    access_id        VARCHAR(12)  NOT NULL PRIMARY KEY,
    image_id         VARCHAR(36)  NOT NULL,
    record_id        VARCHAR(36)  NOT NULL,
    relying_party_id VARCHAR(36)  NOT NULL,
    consent_id       VARCHAR(36)  NOT NULL,
    purpose          VARCHAR(40)  NOT NULL,
    client_ip        VARCHAR(64),
    rendered_at      BIGINT       NOT NULL
);
CREATE INDEX ekyc_rendition_access_party ON ekyc_rendition_access (relying_party_id, rendered_at);

-- forensics: an investigation, its uploaded samples (ciphertext in the eKYC blob store under a per-sample data key,
-- crypto-shredded after retention) and, once analysed, its signed evidence report (canonical JSON, RFC 8785).
CREATE TABLE forensics_investigation (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    title            VARCHAR(200),
    notes            VARCHAR(4000),
    created_by       VARCHAR(80)   NOT NULL,
    created_at       BIGINT        NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    files_total      INTEGER       NOT NULL,
    files_done       INTEGER       NOT NULL,
    started_at       BIGINT,
    completed_at     BIGINT,
    verdict          VARCHAR(32),
    report           TEXT,
    report_sha256    VARCHAR(64),
    report_signature VARCHAR(100),
    report_key_id    VARCHAR(16),
    report_audit_seq BIGINT,
    samples_shredded_at BIGINT
);
CREATE INDEX forensics_investigation_created ON forensics_investigation (created_at);
CREATE INDEX forensics_investigation_status ON forensics_investigation (status);

CREATE TABLE forensics_sample (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    investigation_id VARCHAR(36)   NOT NULL,
    position         INTEGER       NOT NULL,
    file_name        VARCHAR(100)  NOT NULL,
    size_bytes       BIGINT        NOT NULL,
    sha256           VARCHAR(64)   NOT NULL,
    blob_name        VARCHAR(32),
    data_key         VARCHAR(2000),
    received_at      BIGINT        NOT NULL,
    analysed_at      BIGINT,
    shredded_at      BIGINT
);
CREATE INDEX forensics_sample_investigation ON forensics_sample (investigation_id, position);

CREATE TABLE forensics_finding (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    investigation_id VARCHAR(36)   NOT NULL,
    sample_id        VARCHAR(36)   NOT NULL,
    position         INTEGER       NOT NULL,
    kind             VARCHAR(24)   NOT NULL,
    outcome          VARCHAR(24)   NOT NULL,
    confidence       VARCHAR(16),
    reason           VARCHAR(64),
    evidence         TEXT,
    found_at         BIGINT        NOT NULL
);
CREATE INDEX forensics_finding_investigation ON forensics_finding (investigation_id, position);

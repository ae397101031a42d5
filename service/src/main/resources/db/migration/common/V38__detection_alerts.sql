-- Alerts raised by the detection rules. One row per alert; a rule's repeated matches with the same group-by values
-- (the same fingerprint) update it instead of adding rows. open_fingerprint is the fingerprint while the alert is not
-- resolved and NULL after: its UNIQUE constraint makes "one open alert per fingerprint" hold under concurrent firing on
-- any number of nodes (NULLs never collide), and a fingerprint that fires again after a resolve opens a new alert.
-- Texts (title, summary, group_by values) are escaped and masked before they are stored. version counts the
-- transitions that were delivered (fired, re-sent, resolved) and orders each alert's deliveries.
CREATE TABLE detection_alert (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    fingerprint      CHAR(64)      NOT NULL,
    open_fingerprint CHAR(64)      UNIQUE,
    rule_id          VARCHAR(128)  NOT NULL,
    title            VARCHAR(256)  NOT NULL,
    level            VARCHAR(16)   NOT NULL,
    attack_ids       VARCHAR(256)  NOT NULL,
    group_by         TEXT          NOT NULL,
    summary          VARCHAR(600)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    fire_count       BIGINT        NOT NULL,
    evidence_count   BIGINT        NOT NULL,
    first_seen       BIGINT        NOT NULL,
    last_seen        BIGINT        NOT NULL,
    version          INTEGER       NOT NULL,
    created_at       BIGINT        NOT NULL,
    acknowledged_at  BIGINT,
    acknowledged_by  VARCHAR(128),
    resolved_at      BIGINT,
    resolved_by      VARCHAR(128)
);

CREATE INDEX detection_alert_status ON detection_alert (status, last_seen);
CREATE INDEX detection_alert_fingerprint ON detection_alert (fingerprint);

-- The audit entries that made an alert, bounded: the first 20 and the last 20 sequence numbers (evidence_count in the
-- alert counts them all).
CREATE TABLE detection_alert_evidence (
    alert_id  VARCHAR(36) NOT NULL,
    audit_seq BIGINT      NOT NULL,
    PRIMARY KEY (alert_id, audit_seq)
);

-- Silences: no notification for a fingerprint until until_at. The reason is an operator's text, also in the audit log.
CREATE TABLE detection_alert_silence (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    fingerprint CHAR(64)     NOT NULL,
    until_at    BIGINT       NOT NULL,
    reason      VARCHAR(256) NOT NULL,
    created_by  VARCHAR(128) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE INDEX detection_alert_silence_fingerprint ON detection_alert_silence (fingerprint, until_at);

-- Transactional outbox of alert notifications: one row per transition and receiver ('alertmanager', 'webhook'),
-- written in the transaction of the transition. payload is the alert as it was at the transition (JSON, no personal
-- data beyond masked values). Claimed like the messaging outbox: PENDING rows that are due and SENDING rows whose
-- lease (next_attempt_at) ran out; attempts is the claim's fencing token. A row is sent only when no older row of the
-- same alert and receiver is still waiting, so a receiver sees an alert's transitions in order.
CREATE TABLE detection_alert_delivery (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    alert_id        VARCHAR(36)  NOT NULL,
    receiver        VARCHAR(32)  NOT NULL,
    transition      VARCHAR(16)  NOT NULL,
    alert_version   INTEGER      NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    completed_at    BIGINT,
    last_error      VARCHAR(64),
    UNIQUE (alert_id, receiver, alert_version)
);

CREATE INDEX detection_alert_delivery_due ON detection_alert_delivery (status, next_attempt_at);
CREATE INDEX detection_alert_delivery_recent ON detection_alert_delivery (receiver, created_at);

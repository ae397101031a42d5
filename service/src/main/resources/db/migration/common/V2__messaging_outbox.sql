-- Transactional outbox of every SMS and e-mail. The id (a UUID made by the application) is also the
-- idempotency key the provider sees. recipient and parameters are wiped when a message reaches a
-- terminal status (SENT, FAILED, SUPPRESSED, CAPPED): a one-time code must not stay in the table.
CREATE TABLE messaging_outbox (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    template         VARCHAR(64)  NOT NULL,
    channel          VARCHAR(8)   NOT NULL,
    language         VARCHAR(2)   NOT NULL,
    recipient        VARCHAR(320),
    recipient_masked VARCHAR(64)  NOT NULL,
    recipient_hash   CHAR(64)     NOT NULL,
    region           VARCHAR(8),
    parameters       TEXT,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    charged          INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    created_at       BIGINT       NOT NULL,
    completed_at     BIGINT,
    last_error       VARCHAR(64)
);

-- claimers look for PENDING rows that are due and SENDING rows whose lease (next_attempt_at) ran out
CREATE INDEX messaging_outbox_due ON messaging_outbox (status, next_attempt_at);

-- Recipients who asked to receive nothing but security-critical messages, by keyed hash only.
CREATE TABLE messaging_suppression (
    recipient_hash   CHAR(64)    NOT NULL PRIMARY KEY,
    channel          VARCHAR(8)  NOT NULL,
    recipient_masked VARCHAR(64) NOT NULL,
    reason           VARCHAR(64) NOT NULL,
    created_at       BIGINT      NOT NULL
);

-- Money spent per channel and period ('2026-11-22' for a day, '2026-11' for a month), in millionths of
-- the billing currency. cap_alerted marks that the cap alert for the period was raised already.
CREATE TABLE messaging_spend (
    channel      VARCHAR(8)  NOT NULL,
    period       VARCHAR(10) NOT NULL,
    spent_micros BIGINT      NOT NULL,
    cap_alerted  INTEGER     NOT NULL,
    PRIMARY KEY (channel, period)
);

-- Append-only, hash-chained audit log. Times are UTC epoch milliseconds in every table of Benteng.
CREATE TABLE audit_entry (
    seq         BIGINT       NOT NULL PRIMARY KEY,
    recorded_at BIGINT       NOT NULL,
    event       VARCHAR(64)  NOT NULL,
    actor       VARCHAR(256) NOT NULL,
    subject     VARCHAR(256),
    client_ip   VARCHAR(256),
    reason      VARCHAR(256),
    outcome     VARCHAR(16)  NOT NULL,
    attack_ids  VARCHAR(256),
    details     TEXT,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL
);

CREATE INDEX audit_entry_event ON audit_entry (event, recorded_at);

-- One row: the sequence number and hash of the newest entry. Appenders lock it, which orders the chain.
CREATE TABLE audit_head (
    id   INTEGER  NOT NULL PRIMARY KEY,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints: an Ed25519 signature over (seq, hash) every so often, so that truncating the chain
-- or rewriting it wholesale from some point on is detectable too.
CREATE TABLE audit_checkpoint (
    seq       BIGINT       NOT NULL PRIMARY KEY,
    hash      CHAR(64)     NOT NULL,
    signed_at BIGINT       NOT NULL,
    key_id    VARCHAR(64)  NOT NULL,
    signature VARCHAR(128) NOT NULL
);

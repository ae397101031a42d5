-- Limit state of a deployment without Redis (the embedded default): the shield's windows, buckets, blocks, spent
-- proof-of-work markers and velocity counters, and the platform's sliding-log limits. They live in the database so
-- that a restart (graceful or kill -9) does not hand out a fresh set of caps. Keys are logical keys built from keyed
-- hashes and addresses, never a number or address in clear. Times are UTC epoch milliseconds; rows whose expires_at
-- has passed mean nothing and are purged by the stores themselves.

-- one value per key: a bucket's theoretical arrival time, a block's end, a spent marker (1)
CREATE TABLE shield_state_value (
    state_key   VARCHAR(256) NOT NULL PRIMARY KEY,
    state_value BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX shield_state_value_expiry ON shield_state_value (expires_at);

-- events of a sliding window or a cooldown, counted per millisecond
CREATE TABLE shield_state_event (
    state_key  VARCHAR(256) NOT NULL,
    event_at   BIGINT       NOT NULL,
    hits       BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (state_key, event_at)
);
CREATE INDEX shield_state_event_expiry ON shield_state_event (expires_at);

-- codes sent and verified per velocity key and time bucket
CREATE TABLE shield_state_velocity (
    state_key  VARCHAR(256) NOT NULL,
    bucket     BIGINT       NOT NULL,
    sent       BIGINT       NOT NULL,
    verified   BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (state_key, bucket)
);
CREATE INDEX shield_state_velocity_expiry ON shield_state_velocity (expires_at);

-- the platform LimitStore's sliding logs (helpdesk and premises limits, helpdesk spent proofs of work)
CREATE TABLE platform_limit_event (
    limit_key  VARCHAR(256) NOT NULL,
    event_at   BIGINT       NOT NULL,
    hits       BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (limit_key, event_at)
);
CREATE INDEX platform_limit_event_expiry ON platform_limit_event (expires_at);

-- Correlation counts shared by the nodes of a deployment without Redis (the embedded default, or several nodes on one
-- PostgreSQL), so that an attack spread over nodes is counted once (decision 0026). key_id is 128 bits of SHA-256 (hex)
-- over a correlation rule's id and its group-by values, which are masked audit fields or keyed hashes, never a number in
-- clear. Per key: slot 'h' (header: the latest evidence sequence numbers, comma-separated, and the latest bucket),
-- 'b0'..'b9' (a ring of count buckets: bucket is the bucket counted, n the events in it) or 'm<hash>' (one distinct value:
-- bucket is the latest it was seen in). Rows whose expires_at (epoch millis, event time plus the window) has passed mean
-- nothing; the store sweeps them and caps the number of keys.
CREATE TABLE detection_correlation (
    key_id     CHAR(32)     NOT NULL,
    slot       VARCHAR(40)  NOT NULL,
    bucket     BIGINT       NOT NULL,
    n          BIGINT       NOT NULL,
    evidence   VARCHAR(200),
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (key_id, slot)
);
CREATE INDEX detection_correlation_expiry ON detection_correlation (expires_at);

-- Alert retention: resolved alerts are purged by age of their resolution.
CREATE INDEX detection_alert_resolved ON detection_alert (status, resolved_at);

-- Check-ins. Ids are app-generated UUIDs; times are UTC epoch milliseconds from the server's clock.
-- dependants: the names of people checked in with the citizen (at most 10), one per line (names cannot
-- contain line breaks). Rows are deleted when the retention period has passed.
CREATE TABLE checkin (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    citizen_id     VARCHAR(36)   NOT NULL,
    premises_id    VARCHAR(36)   NOT NULL,
    checked_in_at  BIGINT        NOT NULL,
    checked_out_at BIGINT,
    dependants     VARCHAR(4100)
);

-- history and the 5-minute repeat rule
CREATE INDEX checkin_citizen_time ON checkin (citizen_id, checked_in_at);
-- tracing: who was at a premises in a time range
CREATE INDEX checkin_premises_time ON checkin (premises_id, checked_in_at);
-- retention
CREATE INDEX checkin_time ON checkin (checked_in_at);

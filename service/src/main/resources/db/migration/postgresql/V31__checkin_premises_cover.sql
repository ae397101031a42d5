-- Tracing reads every stay at a premises in a time range (checkin.internal.JdbcVisits): with the stay's end and the
-- visitor in the index, that is an index-only range scan per day partition, no heap page per row. Replaces the
-- (premises_id, checked_in_at) index of V7, which it covers.
CREATE INDEX checkin_premises_cover ON checkin (premises_id, checked_in_at) INCLUDE (checked_out_at, citizen_id);
DROP INDEX checkin_premises_time;

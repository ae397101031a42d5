-- Tracing reads every stay at a premises in a time range (checkin.internal.JdbcVisits): with the stay's end and the
-- visitor in the index (SQLite has no INCLUDE: trailing key columns), the scan never touches the table. Replaces
-- the (premises_id, checked_in_at) index of V7, which it covers.
CREATE INDEX checkin_premises_cover ON checkin (premises_id, checked_in_at, checked_out_at, citizen_id);
DROP INDEX checkin_premises_time;

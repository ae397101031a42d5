-- PostgreSQL only: check-ins partitioned by UTC day on checked_in_at, so that retention drops whole days
-- (DROP TABLE: no dead tuples, no vacuum debt) instead of deleting tens of millions of rows. SQLite keeps the
-- single table of V7 and batched deletes.
-- Partitions are named checkin_pYYYYMMDD (the UTC day) and created ahead of time by the service
-- (CheckinPartitions); rows outside every day partition land in checkin_default, which retention cleans with
-- batched deletes. The primary key must contain the partition key, hence (id, checked_in_at).
CREATE TABLE checkin_partitioned (
    id             VARCHAR(36)   NOT NULL,
    citizen_id     VARCHAR(36)   NOT NULL,
    premises_id    VARCHAR(36)   NOT NULL,
    checked_in_at  BIGINT        NOT NULL,
    checked_out_at BIGINT,
    dependants     VARCHAR(4100),
    PRIMARY KEY (id, checked_in_at)
) PARTITION BY RANGE (checked_in_at);

CREATE TABLE checkin_default PARTITION OF checkin_partitioned DEFAULT;

-- a partition for every day that has rows, and for yesterday to a week ahead
DO $$
DECLARE
    first_day DATE;
    last_day  DATE := (now() AT TIME ZONE 'UTC')::date + 7;
    d         DATE;
    lo        BIGINT;
BEGIN
    SELECT LEAST(COALESCE(MIN(to_timestamp(checked_in_at / 1000.0) AT TIME ZONE 'UTC')::date, 'infinity'::date),
                 (now() AT TIME ZONE 'UTC')::date - 1)
      INTO first_day FROM checkin;
    d := first_day;
    WHILE d <= last_day LOOP
        lo := (EXTRACT(EPOCH FROM d::timestamp) * 1000)::bigint;
        EXECUTE format('CREATE TABLE checkin_p%s PARTITION OF checkin_partitioned FOR VALUES FROM (%s) TO (%s)',
                       to_char(d, 'YYYYMMDD'), lo, lo + 86400000);
        d := d + 1;
    END LOOP;
END $$;

INSERT INTO checkin_partitioned (id, citizen_id, premises_id, checked_in_at, checked_out_at, dependants)
SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at, dependants FROM checkin;
DROP TABLE checkin;
ALTER TABLE checkin_partitioned RENAME TO checkin;

-- the same indexes as V7, now per partition
CREATE INDEX checkin_citizen_time ON checkin (citizen_id, checked_in_at);
CREATE INDEX checkin_premises_time ON checkin (premises_id, checked_in_at);
CREATE INDEX checkin_time ON checkin (checked_in_at);

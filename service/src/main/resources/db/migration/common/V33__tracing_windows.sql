-- Tracing at national scale (issue 4): a case stores where it was -- one window per visit, widened by the buffer --
-- instead of one exposure row per contact (a shopping-mall case wrote thousands of rows inside the officer's request).
-- A citizen's risk status is derived on read from their own check-ins overlapping these windows; the contact
-- notifier finds the contacts of a case after it commits and remembers, per citizen, when they were last notified.

-- Where the case was during its infectious period: the visit (clipped to the period, visited_at feeds the hotspot
-- aggregates) and the window (widened by the buffer) in which another person's stay makes them a casual contact.
CREATE TABLE tracing_window (
    case_id         VARCHAR(36) NOT NULL,
    checkin_id      VARCHAR(36) NOT NULL,
    case_citizen_id VARCHAR(36) NOT NULL,
    premises_id     VARCHAR(36) NOT NULL,
    visited_at      BIGINT      NOT NULL,
    window_from     BIGINT      NOT NULL,
    window_to       BIGINT      NOT NULL,
    PRIMARY KEY (case_id, checkin_id)
);
-- risk status: "windows at this premises still open when my stay began" is one range of this index, and the rest
-- of the overlap test reads the index too
CREATE INDEX tracing_window_premises ON tracing_window (premises_id, window_to, window_from, case_citizen_id);
CREATE INDEX tracing_window_time ON tracing_window (visited_at, premises_id);

-- When a citizen was last sent a contact notification (for any case): nobody is notified twice within the contact
-- risk period, however many cases or corrections find them.
CREATE TABLE tracing_notice (
    citizen_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    notified_at BIGINT      NOT NULL
);
CREATE INDEX tracing_notice_time ON tracing_notice (notified_at);
INSERT INTO tracing_notice (citizen_id, notified_at)
    SELECT citizen_id, MAX(notified_at) FROM tracing_exposure WHERE notified_at IS NOT NULL GROUP BY citizen_id;

-- The notifier's queue is the case itself: notify_pending until a round has found and notified the contacts of the
-- current run; contacts = how many that round found, notified = messages sent for this case in all; lease_until keeps
-- two nodes from working one case at once; windows_at is NULL for a case recorded before this migration, whose
-- windows the notifier computes first (from the same check-ins, so its contacts and their risk status come back).
ALTER TABLE tracing_case ADD COLUMN notify_pending SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE tracing_case ADD COLUMN contacts INTEGER;
ALTER TABLE tracing_case ADD COLUMN notified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tracing_case ADD COLUMN windows_at BIGINT;
ALTER TABLE tracing_case ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tracing_case ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
CREATE INDEX tracing_case_pending ON tracing_case (lease_until) WHERE notify_pending = 1;

-- replaced by tracing_window and tracing_notice (who was notified is kept above; the contacts are found again)
DROP TABLE tracing_exposure;
DROP TABLE tracing_case_visit;

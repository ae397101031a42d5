-- Contact tracing. Times are UTC epoch milliseconds; ids are app-generated UUIDs.
-- A case: a citizen and their infectious period, recorded by a health officer. One case per citizen and period;
-- a correction changes the period in place (version counts the changes).
CREATE TABLE tracing_case (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    citizen_id      VARCHAR(36)  NOT NULL,
    infectious_from BIGINT       NOT NULL,
    infectious_to   BIGINT       NOT NULL,
    recorded_by     VARCHAR(80)  NOT NULL,
    recorded_at     BIGINT       NOT NULL,
    traced_at       BIGINT       NOT NULL,
    version         INTEGER      NOT NULL
);
CREATE INDEX tracing_case_citizen ON tracing_case (citizen_id);

-- Where the case was during the infectious period (from the last tracing run): feeds the hotspot aggregates.
CREATE TABLE tracing_case_visit (
    case_id     VARCHAR(36) NOT NULL,
    checkin_id  VARCHAR(36) NOT NULL,
    premises_id VARCHAR(36) NOT NULL,
    visited_at  BIGINT      NOT NULL,
    PRIMARY KEY (case_id, checkin_id)
);
CREATE INDEX tracing_case_visit_time ON tracing_case_visit (visited_at, premises_id);

-- A casual contact of a case. Rows are never deleted by a correction, only deactivated, so that notified_at
-- survives and a corrected case never notifies the same person twice.
CREATE TABLE tracing_exposure (
    case_id     VARCHAR(36) NOT NULL,
    citizen_id  VARCHAR(36) NOT NULL,
    exposed_at  BIGINT      NOT NULL,
    risk_until  BIGINT      NOT NULL,
    active      SMALLINT    NOT NULL,
    notified_at BIGINT,
    PRIMARY KEY (case_id, citizen_id)
);
CREATE INDEX tracing_exposure_citizen ON tracing_exposure (citizen_id, risk_until);

-- Tracing retention (tracing.internal.TracingRetention) deletes cases whose infectious period ended before the cutoff,
-- with their visits and exposures (found by the case id, the first column of both primary keys).
CREATE INDEX tracing_case_end ON tracing_case (infectious_to);
-- contacts still waiting for their notification (tracing.internal.ContactNotifier); small: rows leave it when notified
CREATE INDEX tracing_exposure_pending ON tracing_exposure (case_id, citizen_id) WHERE notified_at IS NULL AND active = 1;

-- A message may be held back before its first attempt (next_attempt_at in the future) under a hold key, so
-- that it can still be cancelled unsent: the shield quarantines first-contact codes into a number prefix that
-- looks attacked, and cancels them if the prefix is blocked before they are due.
ALTER TABLE messaging_outbox ADD COLUMN hold_key VARCHAR(64);
CREATE INDEX messaging_outbox_hold ON messaging_outbox (hold_key);

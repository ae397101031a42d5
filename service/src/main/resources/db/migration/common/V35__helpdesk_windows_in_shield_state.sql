-- The helpdesk's anonymous-ticket windows move from the platform limit store into the shield state, where the proof of
-- work that pays for a ticket is now spent (Shield.admit, one ledger of spent solutions with the codes). The live
-- per-address and per-subnet events are carried over under the shield's keys ('q:' + the quota's reason + ':' + the
-- address or subnet, as ClientLimitPolicy.quotas builds them), so an upgrade hands out no fresh hour of tickets. The
-- helpdesk's own spent-solution markers cannot be carried over (they were keyed by a hash of the challenge, the shield
-- keys by the challenge); they only mattered while their challenge could still verify (minutes) and go with the rest.
-- With Redis these tables are empty and the old Redis keys expire on their own.
INSERT INTO shield_state_event (state_key, event_at, hits, expires_at)
SELECT 'q:helpdesk.ticket.per_ip:' || substr(limit_key, 13), event_at, hits, expires_at
FROM platform_limit_event WHERE limit_key LIKE 'helpdesk:ip:%'
ON CONFLICT (state_key, event_at) DO NOTHING;

INSERT INTO shield_state_event (state_key, event_at, hits, expires_at)
SELECT 'q:helpdesk.ticket.per_subnet:' || substr(limit_key, 14), event_at, hits, expires_at
FROM platform_limit_event WHERE limit_key LIKE 'helpdesk:net:%'
ON CONFLICT (state_key, event_at) DO NOTHING;

DELETE FROM platform_limit_event
WHERE limit_key LIKE 'helpdesk:ip:%' OR limit_key LIKE 'helpdesk:net:%' OR limit_key LIKE 'helpdesk:pow:%';

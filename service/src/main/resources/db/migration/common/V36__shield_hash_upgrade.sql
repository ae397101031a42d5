-- The shield hashed destinations as HMAC(key, canonical form) until now; it now hashes them as every module does
-- (platform KeyedHash.contact: the label 'shield.destination', then the contact's identity, e-mail lower-cased). What is
-- stored holds no contact in clear and cannot be rehashed, so the shield also reads the old form: a cap or cooldown
-- window for as long as it may hold an old entry, the "ever verified" list for good (see shield HashUpgrade).
-- One row when this database already served codes (anything the old form can be in: a verified destination, an issued
-- code in the audit log; with Redis the windows themselves are in Redis). upgraded_at is stamped by the service, on its
-- own clock, at its first start. No row on a fresh install: it never wrote the old form, so it never reads it.
CREATE TABLE shield_hash_upgrade (
    id          INTEGER NOT NULL PRIMARY KEY,
    upgraded_at BIGINT
);

INSERT INTO shield_hash_upgrade (id)
SELECT 1 WHERE EXISTS (SELECT 1 FROM shield_verified_destination)
    OR EXISTS (SELECT 1 FROM shield_state_event)
    OR EXISTS (SELECT 1 FROM audit_entry WHERE event = 'authn_token_created');

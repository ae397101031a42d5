-- Which form citizen.contact_hash is in (account.internal.ContactHasher): 'legacy' (HMAC of "contact:<channel>:<value>",
-- every row made before this migration) or 'current' (platform.KeyedHash.contact, the one form every module hashes
-- contacts in). Lookups match both forms; account.internal.CitizenContactRehash rewrites legacy rows to the current form
-- at start-up (the row holds the contact, so the new hash can be computed). A legacy row whose current hash another
-- row already holds (two e-mail addresses differing only in case, registered as two citizens) stays legacy.
ALTER TABLE citizen ADD COLUMN contact_hash_form VARCHAR(8) NOT NULL DEFAULT 'legacy';
-- what is left to rewrite; empty once the rehash has run (the unique citizen_contact_hash index serves both lookups)
CREATE INDEX citizen_contact_hash_legacy ON citizen (id) WHERE contact_hash_form = 'legacy';

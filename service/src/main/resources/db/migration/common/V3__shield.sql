-- Shield: destinations that completed a verification (by keyed hash, never the number or address itself)
-- and the operators' allow/deny registry of numbers and number prefixes. Times are UTC epoch milliseconds.
CREATE TABLE shield_verified_destination (
    destination_hash  CHAR(64) NOT NULL PRIMARY KEY,
    first_verified_at BIGINT   NOT NULL,
    last_verified_at  BIGINT   NOT NULL
);

CREATE TABLE shield_registry_entry (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    action     VARCHAR(8)   NOT NULL,
    match_kind VARCHAR(8)   NOT NULL,
    digits     VARCHAR(15)  NOT NULL,
    reason     VARCHAR(200) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);

CREATE INDEX shield_registry_entry_digits ON shield_registry_entry (digits, expires_at);

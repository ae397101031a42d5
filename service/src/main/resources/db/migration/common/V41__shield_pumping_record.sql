-- The pumping signal's levels per scope and its learned baseline (decision 0023), so a restart neither forgets an
-- attack in progress nor what healthy traffic looks like. Small: one row per raised scope, one for the baseline.
-- With Redis configured, the same records live in a Redis hash and this table stays empty.
CREATE TABLE shield_pumping_record (
    name       VARCHAR(200)  NOT NULL PRIMARY KEY,
    value      VARCHAR(4000) NOT NULL,
    updated_at BIGINT        NOT NULL
);

-- Premises registered by verified owners. Ids are app-generated UUIDs; times are UTC epoch milliseconds.
-- qr_version is the issue of the premises' QR code that verifies; re-issuing increments it, so every
-- poster printed before stops working.
CREATE TABLE premises (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id      VARCHAR(36)   NOT NULL,
    name          VARCHAR(480)  NOT NULL,
    address       VARCHAR(1200) NOT NULL,
    postcode      CHAR(5)       NOT NULL,
    state         VARCHAR(24)   NOT NULL,
    category      VARCHAR(24)   NOT NULL,
    qr_version    INTEGER       NOT NULL,
    qr_issued_at  BIGINT        NOT NULL,
    created_at    BIGINT        NOT NULL
);

CREATE INDEX premises_owner ON premises (owner_id);

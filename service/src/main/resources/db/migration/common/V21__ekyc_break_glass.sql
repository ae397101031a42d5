-- Break-glass access to an original eKYC image: one operator asks (with a reason), a different operator approves,
-- the asker downloads once within a short window. Every step is audited.
CREATE TABLE ekyc_break_glass (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    image_id     VARCHAR(36)  NOT NULL,
    requested_by VARCHAR(80)  NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    requested_at BIGINT       NOT NULL,
    approved_by  VARCHAR(80),
    approved_at  BIGINT,
    used_at      BIGINT,
    expires_at   BIGINT       NOT NULL
);

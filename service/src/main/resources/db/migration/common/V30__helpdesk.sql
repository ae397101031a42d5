-- Helpdesk tickets. Ids are app-generated UUIDs; times are UTC epoch milliseconds. subject and message are
-- what the submitter wrote: shown to agents only, never placed in any outgoing message. contact is the
-- normalised phone (E.164) or e-mail address; contact_verified = 1 only when it was proven (the account's own
-- contact or a CONTACT_VERIFICATION token) -- nothing is ever sent to an unverified contact.
CREATE TABLE helpdesk_ticket (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    reference        CHAR(11)      NOT NULL UNIQUE,
    category         VARCHAR(16)   NOT NULL,
    subject          VARCHAR(800)  NOT NULL,
    message          TEXT          NOT NULL,
    contact_channel  VARCHAR(8)    NOT NULL,
    contact          VARCHAR(320)  NOT NULL,
    contact_verified INTEGER       NOT NULL,
    citizen_id       VARCHAR(64),
    source           VARCHAR(8)    NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    assignee         VARCHAR(64),
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);

CREATE INDEX helpdesk_ticket_queue ON helpdesk_ticket (status, created_at);

-- Internal notes and sent replies on a ticket (kind NOTE or REPLY), by staff id.
CREATE TABLE helpdesk_entry (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    ticket_id  VARCHAR(36)  NOT NULL REFERENCES helpdesk_ticket (id),
    kind       VARCHAR(8)   NOT NULL,
    author     VARCHAR(64)  NOT NULL,
    body       TEXT         NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE INDEX helpdesk_entry_ticket ON helpdesk_entry (ticket_id, created_at);

-- RFC 3834: at most one acknowledgement per recipient per 7 days; the recipient by keyed hash only.
CREATE TABLE helpdesk_acknowledgement (
    recipient_hash CHAR(64) NOT NULL PRIMARY KEY,
    sent_at        BIGINT   NOT NULL
);

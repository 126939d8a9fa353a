-- Issue 6: notifications on every channel, exactly once per (event, unit, channel[, target]).

-- What the inbox shows beside the sentence: the task's context for templates and links.
ALTER TABLE notification ADD COLUMN document_number TEXT;
ALTER TABLE notification ADD COLUMN lead_unit_name  TEXT;
ALTER TABLE notification ADD COLUMN link            TEXT;
-- why this unit is told: ASSIGNEE (its own assignment), SUPERVISOR (the supervising office), ESCALATION
ALTER TABLE notification ADD COLUMN reason          TEXT NOT NULL DEFAULT 'ASSIGNEE';
CREATE INDEX notification_unread ON notification (unit_code) WHERE read_at IS NULL;

-- What notification-service knows of a task from its events (lead unit, plan document number).
CREATE TABLE task_info (
    task_id          UUID         PRIMARY KEY,
    title            TEXT,
    lead_unit_code   TEXT,
    lead_unit_name   TEXT,
    document_number  TEXT,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- A unit's choice per event type ('*' = every type) and channel: OFF, IMMEDIATE or DIGEST (e-mail only).
CREATE TABLE preference (
    unit_code   TEXT  NOT NULL,
    event_type  TEXT  NOT NULL,
    channel     TEXT  NOT NULL CHECK (channel IN ('email', 'webhook')),
    mode        TEXT  NOT NULL CHECK (mode IN ('OFF', 'IMMEDIATE', 'DIGEST')),
    PRIMARY KEY (unit_code, event_type, channel)
);

-- Webhook endpoints of the OA systems: one unit's (unit_code) or global (unit_code NULL).
CREATE TABLE webhook_endpoint (
    id                    UUID         PRIMARY KEY,
    unit_code             TEXT,
    url                   TEXT         NOT NULL,
    description           TEXT,
    -- [] = every event type
    event_types           JSONB        NOT NULL DEFAULT '[]',
    secret                TEXT         NOT NULL,
    -- the secret before the last rotation, still signing until previous_secret_until
    previous_secret       TEXT,
    previous_secret_until TIMESTAMPTZ,
    enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    disabled_reason       TEXT,
    created_at            TIMESTAMPTZ  NOT NULL,
    version               BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoint_unit ON webhook_endpoint (unit_code);

-- One external send (a webhook call to one endpoint, an e-mail to one address) or a queued digest
-- item. The unique key makes a replayed event a no-op; the id is the webhook-id / Message-ID.
CREATE TABLE delivery (
    id               UUID         PRIMARY KEY,
    notification_id  UUID         REFERENCES notification (id),
    event_id         TEXT         NOT NULL,
    event_type       TEXT         NOT NULL,
    unit_code        TEXT         NOT NULL,
    -- webhook | email | digest (an item waiting for the unit's next digest e-mail)
    channel          TEXT         NOT NULL,
    -- the endpoint id (webhook), the address (email), '-' (digest)
    target           TEXT         NOT NULL,
    endpoint_id      UUID         REFERENCES webhook_endpoint (id) ON DELETE SET NULL,
    subject          TEXT,
    payload          TEXT         NOT NULL,
    -- PENDING (to send at next_attempt_at) | SUCCEEDED | DEAD (gave up) | QUEUED / DIGESTED (digest items) | CANCELLED
    status           TEXT         NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    digest_date      DATE,
    CONSTRAINT delivery_once UNIQUE (event_id, unit_code, channel, target)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_notification ON delivery (notification_id);
CREATE INDEX delivery_dead ON delivery (created_at DESC, id DESC) WHERE status = 'DEAD';
CREATE INDEX delivery_queued ON delivery (unit_code) WHERE status = 'QUEUED';

-- Every try of a delivery: when, what came back.
CREATE TABLE delivery_attempt (
    id            BIGSERIAL    PRIMARY KEY,
    delivery_id   UUID         NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt       INT          NOT NULL,
    attempted_at  TIMESTAMPTZ  NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    status_code   INT,
    error         TEXT,
    retry_after_s BIGINT
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, attempt);

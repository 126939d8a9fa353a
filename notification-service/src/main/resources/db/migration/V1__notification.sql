-- A unit's notifications. One row per (event, unit, channel) at most: a redelivered or replayed
-- event can never notify a unit twice on the same channel.
CREATE TABLE notification (
    id             UUID         PRIMARY KEY,
    unit_code      TEXT         NOT NULL,
    channel        TEXT         NOT NULL DEFAULT 'inbox',
    event_id       TEXT         NOT NULL,
    event_type     TEXT         NOT NULL,
    task_id        UUID,
    assignment_id  UUID,
    title          TEXT         NOT NULL,
    body           TEXT         NOT NULL,
    deadline       DATE,
    created_at     TIMESTAMPTZ  NOT NULL,
    read_at        TIMESTAMPTZ,
    CONSTRAINT notification_once UNIQUE (event_id, unit_code, channel)
);
-- a unit's inbox, newest first (keyset pagination on created_at, id)
CREATE INDEX notification_inbox ON notification (unit_code, created_at DESC, id DESC);

-- Reminders (催办提醒) of assignments with a deadline. Written in the transaction of the
-- assignment's change (AssignmentLifecycle events), fired by ReminderScheduler passes that
-- take due rows with FOR UPDATE SKIP LOCKED, so each fires once across any number of replicas.

-- What the reminders of one assignment follow: its deadline and its plan's reminder policy.
-- No foreign key to assignment: reminders only know assignments through the lifecycle events.
CREATE TABLE reminder_schedule (
    assignment_id  UUID         PRIMARY KEY,
    task_id        UUID         NOT NULL,
    unit_code      TEXT         NOT NULL,
    deadline       DATE,                      -- null: no deadline (长期坚持), no reminders
    days_before    INT[]        NOT NULL,     -- working days before the deadline, e.g. {5,3,1}
    overdue_daily  BOOLEAN      NOT NULL,     -- then every working day while overdue
    open           BOOLEAN      NOT NULL,     -- false once the assignment owes nothing
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX reminder_schedule_task ON reminder_schedule (task_id);

CREATE TABLE reminder (
    id             BIGSERIAL    PRIMARY KEY,
    assignment_id  UUID         NOT NULL,
    task_id        UUID         NOT NULL,
    unit_code      TEXT         NOT NULL,
    kind           TEXT         NOT NULL CHECK (kind IN ('APPROACHING', 'OVERDUE')),
    -- APPROACHING: working days left at due time; OVERDUE: working days overdue at due time
    threshold      INT          NOT NULL,
    deadline       DATE         NOT NULL,
    due_at         TIMESTAMPTZ  NOT NULL,
    state          TEXT         NOT NULL CHECK (state IN ('PENDING', 'FIRED', 'CANCELLED')),
    created_at     TIMESTAMPTZ  NOT NULL,
    fired_at       TIMESTAMPTZ,
    event_id       UUID,                      -- the outbox event it fired as
    cancelled_at   TIMESTAMPTZ,
    cancel_reason  TEXT
);
-- the scheduler only ever looks for pending rows that are due
CREATE INDEX reminder_due ON reminder (due_at) WHERE state = 'PENDING';
-- rescheduling and cancelling touch the pending rows of some assignments
CREATE INDEX reminder_pending_assignment ON reminder (assignment_id) WHERE state = 'PENDING';
CREATE INDEX reminder_assignment ON reminder (assignment_id, id);

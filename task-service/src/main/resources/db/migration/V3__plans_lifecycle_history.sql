-- Plans (分工方案) with their sections and work items; tasks belong to a plan's work item or stand alone.
CREATE TABLE plan (
    id               UUID         PRIMARY KEY,
    document_number  TEXT         NOT NULL UNIQUE,
    title            TEXT         NOT NULL,
    issuer           TEXT,
    issue_date       DATE,
    year             INT          NOT NULL,
    basis_document   TEXT,
    default_deadline DATE         NOT NULL,
    state            TEXT         NOT NULL,
    reminder_days    JSONB        NOT NULL,
    overdue_daily    BOOLEAN      NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    published_at     TIMESTAMPTZ,
    version          BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE plan_section (
    id       UUID  PRIMARY KEY,
    plan_id  UUID  NOT NULL REFERENCES plan (id),
    ordinal  INT   NOT NULL,
    title    TEXT  NOT NULL,
    UNIQUE (plan_id, ordinal)
);

CREATE TABLE work_item (
    id          UUID  PRIMARY KEY,
    section_id  UUID  NOT NULL REFERENCES plan_section (id),
    ordinal     INT   NOT NULL,
    title       TEXT  NOT NULL,
    UNIQUE (section_id, ordinal)
);

ALTER TABLE task
    ALTER COLUMN deadline DROP NOT NULL,
    ADD COLUMN plan_id                UUID REFERENCES plan (id),
    ADD COLUMN section_id             UUID REFERENCES plan_section (id),
    ADD COLUMN work_item_id           UUID REFERENCES work_item (id),
    ADD COLUMN ordinal                INT,
    ADD COLUMN deadline_phrase        TEXT,
    ADD COLUMN deadline_source        TEXT  NOT NULL DEFAULT 'EXPLICIT',
    ADD COLUMN tags                   JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN lead_unit_code         TEXT,
    ADD COLUMN responsible_unit_codes JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN open_groups            JSONB NOT NULL DEFAULT '[]';
CREATE INDEX task_plan ON task (plan_id, ordinal);
CREATE INDEX task_created ON task (created_at DESC, id DESC);

ALTER TABLE assignment
    ADD COLUMN origin            TEXT         NOT NULL DEFAULT 'PLANNED',
    ADD COLUMN deadline          DATE,
    ADD COLUMN warn_days         INT          NOT NULL DEFAULT 5,
    ADD COLUMN progress_percent  INT          NOT NULL DEFAULT 0,
    ADD COLUMN last_progress_at  TIMESTAMPTZ,
    ADD COLUMN updated_at        TIMESTAMPTZ,
    ADD COLUMN closed_at         TIMESTAMPTZ;
UPDATE assignment a SET deadline = t.deadline, updated_at = a.created_at FROM task t WHERE t.id = a.task_id;
ALTER TABLE assignment ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX assignment_task ON assignment (task_id);
CREATE INDEX assignment_deadline ON assignment (deadline, id);

-- 进展报送: what a unit reported.
CREATE TABLE progress_report (
    id              UUID         PRIMARY KEY,
    assignment_id   UUID         NOT NULL REFERENCES assignment (id),
    summary         TEXT         NOT NULL,
    percent         INT          NOT NULL CHECK (percent BETWEEN 0 AND 100),
    evidence_links  JSONB        NOT NULL DEFAULT '[]',
    next_steps      TEXT,
    actor           TEXT         NOT NULL,
    reported_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX progress_report_assignment ON progress_report (assignment_id, reported_at DESC);

-- 延期申请: at most one PENDING per assignment; the unit keeps working meanwhile.
CREATE TABLE extension_request (
    id                  UUID         PRIMARY KEY,
    assignment_id       UUID         NOT NULL REFERENCES assignment (id),
    reason              TEXT         NOT NULL,
    previous_deadline   DATE         NOT NULL,
    requested_deadline  DATE         NOT NULL,
    state               TEXT         NOT NULL,
    requested_by        TEXT         NOT NULL,
    requested_at        TIMESTAMPTZ  NOT NULL,
    decided_by          TEXT,
    decided_at          TIMESTAMPTZ,
    decision_reason     TEXT,
    version             BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX extension_request_one_pending ON extension_request (assignment_id) WHERE state = 'PENDING';

-- Every change of a task or its assignments: who, when, what, why.
CREATE TABLE task_history (
    seq            BIGSERIAL    PRIMARY KEY,
    task_id        UUID         NOT NULL REFERENCES task (id),
    assignment_id  UUID         REFERENCES assignment (id),
    unit_code      TEXT,
    action         TEXT         NOT NULL,
    actor          TEXT         NOT NULL,
    at             TIMESTAMPTZ  NOT NULL,
    from_state     TEXT,
    to_state       TEXT,
    reason         TEXT,
    details        JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX task_history_task ON task_history (task_id, seq);

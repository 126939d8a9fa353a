-- task-service's replica of the registry's units, kept from the compacted topic duban.units.
CREATE TABLE unit_replica (
    code        TEXT         PRIMARY KEY,
    name        TEXT         NOT NULL,
    short_name  TEXT,
    type        TEXT         NOT NULL,
    active      BOOLEAN      NOT NULL,
    version     BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE task (
    id          UUID         PRIMARY KEY,
    title       TEXT         NOT NULL,
    deadline    DATE         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);

-- One row per task x unit: what that unit owes for the task.
CREATE TABLE assignment (
    id          UUID         PRIMARY KEY,
    task_id     UUID         NOT NULL REFERENCES task (id),
    unit_code   TEXT         NOT NULL REFERENCES unit_replica (code),
    role        TEXT         NOT NULL,
    state       TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (task_id, unit_code)
);
CREATE INDEX assignment_unit ON assignment (unit_code);

-- unit_replica: unit-replica's db/replica (V0_50), shared with notification-service (issue 18).

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

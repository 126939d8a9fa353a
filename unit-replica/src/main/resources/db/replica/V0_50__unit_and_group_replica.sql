-- The registry replica both consuming services keep (issue 18: one definition, unit-replica's; Flyway
-- location db/replica in task-service and notification-service): the unit fields every replica holds
-- (UnitReplicaBase) and the groups (UnitGroupReplica), from duban.units and duban.unit-groups. Each
-- service adds its own columns in its own migrations (task-service: valid_to, successors;
-- notification-service: contacts). Version 0.50: after common's 0.x, before every service's own.
CREATE TABLE unit_replica (
    code          TEXT         PRIMARY KEY,
    name          TEXT         NOT NULL,
    short_name    TEXT,
    type          TEXT         NOT NULL,
    parent_code   TEXT,
    tags          JSONB        NOT NULL DEFAULT '[]',
    active        BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

-- A group (市直各单位, 各区政府（管委会）…) with its members as the registry last evaluated them;
-- an open group (市直有关单位) has none: its units are designated per task.
CREATE TABLE unit_group_replica (
    code          TEXT         PRIMARY KEY,
    name          TEXT         NOT NULL,
    kind          TEXT         NOT NULL,
    member_codes  JSONB        NOT NULL DEFAULT '[]',
    open          BOOLEAN      NOT NULL,
    active        BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

-- Issue 3: more of the registry's unit snapshot (task-service's own columns; the common ones and the
-- group replica are unit-replica's db/replica V0_50, shared with notification-service since issue 18).
ALTER TABLE unit_replica
    ADD COLUMN valid_to     DATE,
    ADD COLUMN successors   JSONB  NOT NULL DEFAULT '[]';

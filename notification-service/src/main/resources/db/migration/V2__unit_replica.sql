-- Issue 3: notification-service's replica of the registry's units keeps their contacts (for the
-- e-mail channel). The replica tables themselves (units and groups, from duban.units and
-- duban.unit-groups) are unit-replica's db/replica V0_50, shared with task-service (issue 18).
-- [{"name","phone","email","primary"}], at most one primary
ALTER TABLE unit_replica
    ADD COLUMN contacts      JSONB        NOT NULL DEFAULT '[]';

-- Issue 16 (hpg): every index on a table a created task writes is paid for by every POST /tasks (and the outbox's
-- by the relay's mark too, which is never HOT). pg_stat_user_indexes after the harness's sustained phase showed
-- these with no scan in the whole run; no query needs them (every query on their tables was read):
--
-- assignment (task_id): the unique (task_id, unit_code) index leads with task_id and serves every lookup by task
-- (the task's assignments, the API's and the ledger's EXISTS/JOIN on a.task_id).
DROP INDEX assignment_task;
-- reminder_schedule (task_id): every statement on reminder_schedule finds its rows by assignment_id (the key).
DROP INDEX reminder_schedule_task;
-- outbox_event (id) UNIQUE: ids are UUID.randomUUID() drawn by Outbox itself, never looked up (the relay reads and
-- marks by seq, consumers dedupe by the id in their own database); a random-UUID btree took a random leaf page on
-- each insert and again on each mark.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_id_key;
-- task (plan_id, ordinal): every query gives plan_id = …; standalone tasks (plan_id NULL) need no entry.
DROP INDEX task_plan;
CREATE INDEX task_plan ON task (plan_id, ordinal) WHERE plan_id IS NOT NULL;

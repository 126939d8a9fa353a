-- Every index on reminder is paid for by every pass (a fired row's state changes, so its update is
-- never HOT). The reminders of an assignment are found through reminder_pending_assignment; the
-- full (assignment_id, id) index added in V11 served nothing and is dropped.
DROP INDEX reminder_assignment;

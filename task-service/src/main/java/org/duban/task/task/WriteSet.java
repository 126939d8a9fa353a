package org.duban.task.task;

import org.duban.common.outbox.Outbox;
import org.duban.task.history.History;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events and history rows of one transaction, collected while it changes entities and written
 * set-based by {@link TaskService#write}: ONE statement for its new tasks, its new assignments of
 * {@link TaskService#openNew}, all its history rows and all its events (its new entities go in JDBC batches at
 * the flush before it). Order is kept: events in the order added (so per task key), history rows likewise.
 * Not a bean; not thread-safe.
 */
public final class WriteSet {

    final Outbox.Batch events = new Outbox.Batch();
    final List<History.Entry> history = new ArrayList<>();
    /** New tasks that are not entities ({@link TaskService#create}): inserted in the same statement. */
    final List<Task> tasks = new ArrayList<>();
    /** New assignments that are not entities ({@link TaskService#openNew}): inserted in one statement. */
    final List<Assignment> inserts = new ArrayList<>();
    /** What each of {@link #inserts} owes from now on: its reminders, written in the same statement. */
    final List<AssignmentLifecycle.Opened> opened = new ArrayList<>();
    /** The task parts of this write set's events: plans, names and working days looked up once for all. */
    TaskParts parts;

    /** Collects an event (as {@link Outbox#add}); returns its event id. */
    public UUID event(String topic, String key, String type, String subject, Object payload) {
        return events.add(topic, key, type, subject, payload);
    }

    /** Collects a history row (as {@link History#record}). */
    public void history(History.Entry entry) {
        history.add(entry);
    }
}

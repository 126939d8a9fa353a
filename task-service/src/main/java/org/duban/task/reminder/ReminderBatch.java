package org.duban.task.reminder;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle events of the current transaction, applied set-based just before it commits: a
 * deadline change of a task with 2,500 units is then a handful of statements, not 5,000.
 * (Injected as a client proxy: only ever use its methods, never its fields.)
 */
@TransactionScoped
public class ReminderBatch implements Serializable {

    private final List<Object> events = new ArrayList<>();
    private boolean registered;

    /** The queue of this transaction. */
    public List<Object> events() {
        return events;
    }

    /** True the first time it is asked in a transaction. */
    public boolean firstEvent() {
        if (registered) {
            return false;
        }
        registered = true;
        return true;
    }
}

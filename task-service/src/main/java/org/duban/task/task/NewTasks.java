package org.duban.task.task;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tasks the current transaction created by {@link TaskService#write}'s statement: they are not entities of
 * the session (no persist, no flush), so a reader of the same transaction that needs one (the report dues of its
 * assignments read its cycle) finds it here instead of querying it back.
 * (Injected as a client proxy: only ever use its methods, never its fields.)
 */
@TransactionScoped
public class NewTasks implements Serializable {

    private final Map<UUID, Task> tasks = new HashMap<>();

    void add(Task task) {
        tasks.put(task.id, task);
    }

    /** The task of this id created in this transaction, or null. */
    public Task get(UUID id) {
        return tasks.get(id);
    }
}

package org.duban.task.history;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Writes the history of tasks, in the transaction of the change. */
@ApplicationScoped
public class History {

    @Inject
    Actor actor;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public TaskHistory record(UUID taskId, UUID assignmentId, String unitCode, String action,
                              Enum<?> from, Enum<?> to, String reason, Map<String, Object> details) {
        TaskHistory h = new TaskHistory();
        h.taskId = taskId;
        h.assignmentId = assignmentId;
        h.unitCode = unitCode;
        h.action = action;
        h.actor = Arc.container().requestContext().isActive() ? actor.name() : "system";
        h.at = OffsetDateTime.now(clock);
        h.fromState = from == null ? null : from.name();
        h.toState = to == null ? null : to.name();
        h.reason = reason;
        h.details = details == null ? new HashMap<>() : new HashMap<>(details);
        h.persist();
        return h;
    }
}

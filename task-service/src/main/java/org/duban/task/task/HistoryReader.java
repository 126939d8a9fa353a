package org.duban.task.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.task.history.TaskHistory;

import java.util.List;
import java.util.UUID;

/**
 * Reads a task's history oldest first; the cursor is the last entry's sequence number. Entries of another
 * unit's assignment are redacted for the caller ({@link Visibility#history}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class HistoryReader {

    @Inject
    Access access;

    public TaskApi.HistoryPage page(UUID taskId, String cursor, int limit) {
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.VALIDATION, "Query parameter 'cursor' is invalid",
                        List.of(new Problem.FieldError("cursor", "unknown cursor", cursor)));
            }
        }
        List<TaskHistory> rows = TaskHistory.<TaskHistory>find("taskId = ?1 and seq > ?2 order by seq", taskId, after)
                .page(0, limit + 1).list();
        boolean more = rows.size() > limit;
        Caller caller = access.caller();
        List<TaskApi.HistoryView> items = rows.stream().limit(limit).map(h -> Visibility.history(new TaskApi.HistoryView(
                h.seq, h.taskId, h.assignmentId, h.unitCode, h.action, h.actor, h.at, h.fromState, h.toState, h.reason,
                h.details, false), caller)).toList();
        return new TaskApi.HistoryPage(items, more ? String.valueOf(items.get(items.size() - 1).seq()) : null);
    }
}

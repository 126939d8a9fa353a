package org.duban.task.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.duban.common.time.DateRange;
import org.duban.task.task.Assignment;
import org.duban.task.task.Lights;
import org.duban.task.task.Task;
import org.duban.task.task.TaskApi;
import org.duban.task.task.TaskViews;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The filtered, cursor-paged lists of tasks and assignments, and a unit's work list. Plain SQL
 * (filters compose; the light is computed in SQL by {@link LightSql}); the rows are then loaded as
 * entities and rendered by {@link TaskViews}.
 * <p>
 * Both lists are narrowed to what the caller may read ({@link Caller#readableUnits()}): a unit-operator
 * or an integration sees its units' assignments and the tasks they belong to; a {@code unit} filter
 * naming a unit it may not read is a 403, not an empty page.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TaskQueries {

    private static final String FAR = "DATE '9999-12-31'";

    @Inject
    EntityManager em;

    @Inject
    Lights lights;

    @Inject
    TaskViews views;

    @Inject
    Access access;

    /** The filter narrowed to the caller's readable units; a unit filter naming another unit is refused. */
    private Filter narrowed(Filter f) {
        Caller caller = access.caller();
        if (f.unit() != null && !caller.mayRead(f.unit())) {
            throw Access.forbidden("The filter unit=" + f.unit() + " names a unit your token may not read");
        }
        return f.within(caller.readableUnits());
    }

    /** Tasks newest first. The cursor is the id of the last task of the previous page. */
    public TaskApi.TaskPage tasks(Filter filter, String cursor, int limit) {
        Filter f = narrowed(filter);
        StringBuilder sql = new StringBuilder("SELECT t.id FROM task t WHERE 1=1");
        Map<String, Object> p = new LinkedHashMap<>();
        taskConditions(f, sql, p);
        List<String> assignmentConds = new ArrayList<>();
        if (f.unit() != null) {
            assignmentConds.add("a.unit_code = :unit");
            p.put("unit", f.unit());
        }
        if (f.role() != null) {
            assignmentConds.add("a.role = :role");
            p.put("role", f.role().name());
        }
        if (f.state() != null) {
            assignmentConds.add("a.state = :state");
            p.put("state", f.state().name());
        }
        if (!assignmentConds.isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND ")
                    .append(String.join(" AND ", assignmentConds)).append(')');
        }
        if (f.readableUnits() != null) {
            // the caller's tasks: those one of its units has an assignment of
            if (f.readableUnits().isEmpty()) {
                sql.append(" AND FALSE");
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM assignment r WHERE r.task_id = t.id AND r.unit_code IN (:readable))");
                p.put("readable", List.copyOf(f.readableUnits()));
            }
        }
        if (f.light() != null) {
            // a task's light is the worst of its open assignments'
            sql.append(" AND (SELECT max(").append(lightRank()).append(") FROM assignment a WHERE a.task_id = t.id) = ")
                    .append(LightSql.rankOf(f.light()));
        }
        if (cursor != null) {
            UUID id = parseUuidCursor(cursor);
            Task last = Task.findById(id);
            if (last == null) {
                throw Filter.bad("cursor", "unknown cursor", cursor);
            }
            sql.append(" AND (t.created_at < :cAt OR (t.created_at = :cAt AND t.id < :cId))");
            p.put("cAt", last.createdAt);
            p.put("cId", last.id);
        }
        sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").append(limit + 1);
        List<UUID> ids = ids(sql.toString(), p);
        boolean more = ids.size() > limit;
        ids = ids.subList(0, Math.min(limit, ids.size()));
        List<Task> tasks = load(Task.class, ids);
        List<TaskApi.TaskView> items = views.tasks(tasks);
        return new TaskApi.TaskPage(items, more ? items.get(items.size() - 1).id().toString() : null);
    }

    /** Assignments by urgency: earliest deadline first (so overdue first), no deadline last. */
    public TaskApi.AssignmentPage assignments(Filter filter, String cursor, int limit) {
        Filter f = narrowed(filter);
        StringBuilder sql = new StringBuilder("SELECT a.id FROM assignment a JOIN task t ON t.id = a.task_id WHERE 1=1");
        Map<String, Object> p = new LinkedHashMap<>();
        assignmentConditions(f, sql, p);
        if (cursor != null) {
            String[] c = decode(cursor);
            sql.append(" AND (COALESCE(a.deadline, ").append(FAR).append("), a.id) > (:cDue, :cId)");
            try {
                LocalDate due = LocalDate.parse(c[0]);
                // a cursor this service wrote holds a deadline of the range, or FAR for none
                if (!DateRange.contains(due) && !due.equals(LocalDate.of(9999, 12, 31))) {
                    throw new IllegalArgumentException("not a cursor of ours");
                }
                p.put("cDue", due);
                p.put("cId", UUID.fromString(c[1]));
            } catch (RuntimeException e) {
                throw Filter.bad("cursor", "unknown cursor", cursor);
            }
        }
        sql.append(" ORDER BY COALESCE(a.deadline, ").append(FAR).append("), a.id LIMIT ").append(limit + 1);
        List<UUID> ids = ids(sql.toString(), p);
        boolean more = ids.size() > limit;
        ids = ids.subList(0, Math.min(limit, ids.size()));
        List<Assignment> as = load(Assignment.class, ids);
        List<TaskApi.AssignmentView> items = views.assignments(as);
        String next = null;
        if (more) {
            Assignment last = as.get(as.size() - 1);
            next = encode((last.deadline == null ? LocalDate.of(9999, 12, 31) : last.deadline) + "|" + last.id);
        }
        return new TaskApi.AssignmentPage(items, next);
    }

    /**
     * Appends the filter's conditions over {@code assignment a JOIN task t} (as {@code AND …}) and their
     * parameters: the one definition of the assignment filters, shared with the ledger (台账) and statistics.
     */
    public void assignmentConditions(Filter f, StringBuilder sql, Map<String, Object> p) {
        // dueBefore/dueAfter apply to the assignment's own deadline
        Filter taskLevel = new Filter(f.plan(), f.section(), f.workItem(), null, null, null, null, null, null, f.q(),
                f.tag(), false, null);
        taskConditions(taskLevel, sql, p);
        if (f.dueBefore() != null) {
            sql.append(" AND a.deadline <= :dueBefore");
            p.put("dueBefore", f.dueBefore());
        }
        if (f.dueAfter() != null) {
            sql.append(" AND a.deadline >= :dueAfter");
            p.put("dueAfter", f.dueAfter());
        }
        if (f.unit() != null) {
            sql.append(" AND a.unit_code = :unit");
            p.put("unit", f.unit());
        }
        if (f.role() != null) {
            sql.append(" AND a.role = :role");
            p.put("role", f.role().name());
        }
        if (f.state() != null) {
            sql.append(" AND a.state = :state");
            p.put("state", f.state().name());
        }
        if (f.readableUnits() != null) {
            if (f.readableUnits().isEmpty()) {
                sql.append(" AND FALSE");
            } else {
                sql.append(" AND a.unit_code IN (:readable)");
                p.put("readable", List.copyOf(f.readableUnits()));
            }
        }
        if (f.openOnly()) {
            sql.append(" AND a.state IN ('ASSIGNED','ACCEPTED','IN_PROGRESS')");
        }
        if (f.light() != null) {
            sql.append(" AND ").append(lightRank()).append(" = ").append(LightSql.rankOf(f.light()));
        }
    }

    private void taskConditions(Filter f, StringBuilder sql, Map<String, Object> p) {
        if (f.plan() != null) {
            sql.append(" AND t.plan_id = :plan");
            p.put("plan", f.plan());
        }
        if (f.section() != null) {
            sql.append(" AND t.section_id = :section");
            p.put("section", f.section());
        }
        if (f.workItem() != null) {
            sql.append(" AND t.work_item_id = :workItem");
            p.put("workItem", f.workItem());
        }
        if (f.dueBefore() != null) {
            sql.append(" AND t.deadline <= :dueBefore");
            p.put("dueBefore", f.dueBefore());
        }
        if (f.dueAfter() != null) {
            sql.append(" AND t.deadline >= :dueAfter");
            p.put("dueAfter", f.dueAfter());
        }
        if (f.q() != null) {
            sql.append(" AND t.title ILIKE :q ESCAPE '\\'");
            p.put("q", "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.tag() != null) {
            sql.append(" AND t.tags @> jsonb_build_array(CAST(:tag AS text))");
            p.put("tag", f.tag());
        }
    }

    private String lightRank() {
        @SuppressWarnings("unchecked")
        List<Number> warn = em.createNativeQuery("SELECT DISTINCT warn_days FROM assignment").getResultList();
        return LightSql.rank(lights.today(), warn.stream().map(Number::intValue).toList(), lights.days());
    }

    private List<UUID> ids(String sql, Map<String, Object> params) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object> rows = q.getResultList();
        return rows.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }

    /**
     * The entities of the ids, in the ids' order, by {@code Session.findMultiple}: one statement ({@code id = any(?)}
     * on PostgreSQL) whose SQL Hibernate builds once. The JPQL {@code e.id IN :ids} it replaces was translated from
     * HQL again at every call (its SQL depends on the list's size): 44 % of a lone {@code GET /tasks?limit=1}'s CPU
     * (JFR, h16pub).
     */
    private <E> List<E> load(Class<E> type, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.unwrap(org.hibernate.Session.class).findMultiple(type, ids).stream().filter(Objects::nonNull).toList();
    }

    private static UUID parseUuidCursor(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw Filter.bad("cursor", "unknown cursor", cursor);
        }
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw Filter.bad("cursor", "unknown cursor", cursor);
        }
    }
}

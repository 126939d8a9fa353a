package org.duban.task.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes the history of tasks, in the transaction of the change. */
@ApplicationScoped
public class History {

    @Inject
    Actor actor;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** One change to record with others ({@link #recordAll}): as {@link #record}'s arguments. */
    public record Entry(UUID taskId, UUID assignmentId, String unitCode, String action, Enum<?> from, Enum<?> to,
                        String reason, Map<String, Object> details) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TaskHistory record(UUID taskId, UUID assignmentId, String unitCode, String action,
                              Enum<?> from, Enum<?> to, String reason, Map<String, Object> details) {
        TaskHistory h = new TaskHistory();
        h.taskId = taskId;
        h.assignmentId = assignmentId;
        h.unitCode = unitCode;
        h.action = action;
        h.actor = actorName();
        h.at = OffsetDateTime.now(clock);
        h.fromState = from == null ? null : from.name();
        h.toState = to == null ? null : to.name();
        h.reason = reason;
        h.details = details == null ? new HashMap<>() : new HashMap<>(details);
        h.persist();
        return h;
    }

    /**
     * Records the changes of one transaction in ONE statement (publishing a plan records ~500), in
     * order: their {@code seq} follows the list, as {@link #record} one by one would have given it
     * (the column's own sequence, so the reader's order and cursor stay what they were). One actor
     * and one time for all. The tasks and assignments they name must be flushed already (foreign keys).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Entry> entries) {
        recordAll(entries, List.of());
    }

    /**
     * A data-modifying CTE run in the same statement as the history rows, before them: rows the history names
     * (new tasks, new assignments) or that go with them (their events), written in the same round trip (foreign
     * keys are checked at the end of the statement). {@code sql} is {@code name AS (INSERT …)}; its parameters are
     * numbered {@code ?1, ?2, …} of its own ({@link #recordAll} numbers them after the history's and the earlier
     * parts').
     */
    public record Before(String sql, List<Object> parameters) {
    }

    /** The history's own parameters: the parts' come after them. */
    private static final int HISTORY_PARAMETERS = 10;

    /** As {@link #recordAll(List)}, with the parts of {@code before} written by the same statement, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Entry> entries, List<Before> before) {
        if (entries.isEmpty()) {
            if (!before.isEmpty()) {
                throw new IllegalArgumentException("rows written before the history need history rows to go with");
            }
            return;
        }
        List<String> details = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            try {
                details.add(json.writeValueAsString(e.details() == null ? Map.of() : e.details()));
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("history details are not serialisable: " + e.action(), ex);
            }
        }
        List<String> parts = new ArrayList<>(before.size());
        List<Object> values = new ArrayList<>(HISTORY_PARAMETERS + 16 * before.size());
        Collections.addAll(values, actorName(), OffsetDateTime.now(clock),
                array(entries, e -> e.taskId() == null ? null : e.taskId().toString()),
                array(entries, e -> e.assignmentId() == null ? null : e.assignmentId().toString()),
                array(entries, Entry::unitCode), array(entries, Entry::action),
                array(entries, e -> e.from() == null ? null : e.from().name()),
                array(entries, e -> e.to() == null ? null : e.to().name()),
                array(entries, Entry::reason), textArray(details));
        for (Before b : before) {
            parts.add(b.sql());
            values.addAll(b.parameters());
        }
        Statement statement = STATEMENTS.computeIfAbsent(parts, History::statement);
        if (values.size() != statement.values()) {
            throw new IllegalArgumentException("a part's parameters do not match its ordinals: " + values.size()
                    + " values for " + statement.values());
        }
        execute(statement, values);
    }

    /**
     * The statement of {@link #recordAll} for the parts' texts, once per shape (a POST's, a publish's …): its text
     * with JDBC's {@code ?} placeholders and, for each placeholder, the ordinal of its value. Keyed by the parts'
     * texts, which are constants or cached instances (their hashes are computed once).
     */
    private static final ConcurrentMap<List<String>, Statement> STATEMENTS = new ConcurrentHashMap<>();

    /**
     * A statement's text with {@code ?} placeholders, {@code ordinals[i]} the 1-based ordinal of the i-th one's value,
     * {@code values} the number of values (the history's and each part's, as many as its highest ordinal).
     */
    record Statement(String sql, int[] ordinals, int values) {
    }

    static Statement statement(List<String> parts) {
        StringBuilder sql = new StringBuilder();
        int next = HISTORY_PARAMETERS + 1;
        for (String part : parts) {
            sql.append(sql.isEmpty() ? "WITH " : ",\n").append(Outbox.numbered(part, next));
            next += Outbox.ORDINAL.matcher(part).results().mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        }
        if (!sql.isEmpty()) {
            sql.append('\n');
        }
        // arrays travel as text literals cast in SQL; unnest WITH ORDINALITY keeps the order (seq)
        sql.append("""
                INSERT INTO task_history (task_id, assignment_id, unit_code, action, actor, at, from_state, to_state,
                                          reason, details)
                SELECT x.t, x.a, x.u, x.act, ?1, ?2, x.f, x.s, x.r, CAST(x.d AS jsonb)
                FROM unnest(CAST(?3 AS uuid[]), CAST(?4 AS uuid[]), CAST(?5 AS text[]), CAST(?6 AS text[]),
                            CAST(?7 AS text[]), CAST(?8 AS text[]), CAST(?9 AS text[]), CAST(?10 AS text[]))
                     WITH ORDINALITY AS x (t, a, u, act, f, s, r, d, n)
                ORDER BY x.n""");
        List<Integer> ordinals = new ArrayList<>();
        String jdbc = Outbox.ORDINAL.matcher(sql).replaceAll(m -> {
            ordinals.add(Integer.parseInt(m.group(1)));
            return "?";
        });
        return new Statement(jdbc, ordinals.stream().mapToInt(Integer::intValue).toArray(), next - 1);
    }

    /**
     * Runs {@code statement} on the session's connection as Hibernate's native query did — prepared through the
     * session's JDBC coordinator (its statement inspector sees it, its resources are released as Hibernate's), a
     * flush first in flush mode AUTO — without the native query's per-call work: Hibernate's SQL parser copied the
     * statement's several kilobytes character by character at every call, and the driver's statement cache hashed a
     * new String of them (issue 16, hpost2: ~5 % of task-service's CPU per created task in JFR).
     */
    private void execute(Statement statement, List<Object> values) {
        if (em.getFlushMode() == FlushModeType.AUTO) {
            em.flush();
        }
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        PreparedStatement ps = jdbc.getStatementPreparer().prepareStatement(statement.sql());
        try {
            int[] ordinals = statement.ordinals();
            for (int i = 0; i < ordinals.length; i++) {
                ps.setObject(i + 1, values.get(ordinals[i] - 1));
            }
            jdbc.getResultSetReturn().executeUpdate(ps, statement.sql());
        } catch (SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "task history insert", statement.sql());
        } finally {
            jdbc.getLogicalConnection().getResourceRegistry().release(ps);
            jdbc.afterStatementExecution();
        }
    }

    private String actorName() {
        return Arc.container().requestContext().isActive() ? actor.name() : Actor.SYSTEM;
    }

    private static String array(List<Entry> entries, Function<Entry, String> column) {
        return textArray(entries.stream().map(column).toList());
    }

    /** A PostgreSQL array literal (NULL for a null element), cast to uuid[] or text[] in SQL. */
    public static String textArray(Collection<String> xs) {
        return xs.stream().map(s -> s == null ? "NULL" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}

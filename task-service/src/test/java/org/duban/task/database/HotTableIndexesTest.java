package org.duban.task.database;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexes of the tables a created task writes (V24, hpg): each is paid for by every POST /tasks, so each one
 * there is one a query needs; the lookups the dropped ones could have served are still served by an index.
 */
@QuarkusTest
class HotTableIndexesTest {

    @Inject
    EntityManager em;

    @Test
    void theTablesACreatedTaskWritesCarryOnlyTheIndexesQueriesNeed() {
        assertEquals(Set.of("assignment_pkey", "assignment_task_id_unit_code_key", "assignment_unit", "assignment_deadline"),
                indexes("assignment"));
        assertEquals(Set.of("reminder_schedule_pkey"), indexes("reminder_schedule"));
        assertEquals(Set.of("outbox_event_pkey", "outbox_event_unpublished", "outbox_event_published"), indexes("outbox_event"));
        assertEquals(Set.of("task_pkey", "task_plan", "task_created"), indexes("task"));
        assertEquals(Set.of("task_history_pkey", "task_history_task"), indexes("task_history"));
        assertEquals(Set.of("reminder_pkey", "reminder_due", "reminder_pending_assignment"), indexes("reminder"));
    }

    @Test
    void aStandaloneTaskHasNoEntryInThePlansIndex() {
        String def = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'task_plan'").getSingleResult());
        assertTrue(def.endsWith("(plan_id, ordinal) WHERE (plan_id IS NOT NULL)"), def);
    }

    @Test
    void aTasksAssignmentsAreFoundThroughTheUniqueIndexThatLeadsWithTheTask() {
        String plan = plan("SELECT id FROM assignment WHERE task_id = CAST(?1 AS uuid)");
        assertTrue(plan.contains("assignment_task_id_unit_code_key"), plan);
    }

    @Test
    void aPlansTasksAreFoundThroughThePartialIndex() {
        String plan = plan("SELECT id FROM task WHERE plan_id = CAST(?1 AS uuid) ORDER BY ordinal");
        assertTrue(plan.contains("task_plan"), plan);
    }

    private Set<String> indexes(String table) {
        @SuppressWarnings("unchecked")
        List<String> names = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = ?1")
                .setParameter(1, table).getResultList());
        return new TreeSet<>(names);
    }

    /** The plan of {@code sql} (one uuid parameter) with sequential scans priced out: which index can serve it. */
    private String plan(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = em.createNativeQuery("EXPLAIN " + sql).setParameter(1, UUID.randomUUID().toString())
                    .getResultList();
            return String.join("\n", lines);
        });
    }
}

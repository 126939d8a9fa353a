package org.duban.task.task;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating a task writes set-based: one outbox event per assignment and one history row per change,
 * as before, but in a number of statements that does not grow with the number of units (60 units
 * cost what 1 unit costs). Statements are counted by {@link StatementLog} on the request's thread.
 */
@QuarkusTest
class SetBasedCreateTest {

    static final int WIDE = 60;

    @Inject
    EntityManager em;

    List<String> units = new ArrayList<>();

    @BeforeEach
    void units() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < WIDE; i++) {
            units.add("u" + i + "-" + suffix);
            RegistryUnits.publish(units.get(i), "珠海市测试单位" + i + "号" + suffix, true, 0);
        }
        units.forEach(code -> RegistryUnits.awaitReplica(code, 0, true));
    }

    @Test
    void aTaskToSixtyUnitsTakesAsManyStatementsAsATaskToOneAndWritesOneEventAndOneHistoryRowPerAssignment() {
        create(units.subList(0, 1)); // warm-up: the first request of a run may load what later ones find cached

        StatementLog.arm();
        String one = create(units.subList(0, 1));
        List<String> oneUnit = StatementLog.disarm("with new_task as");
        StatementLog.arm();
        String wide = create(units);
        List<String> wideTask = StatementLog.disarm("with new_task as");
        System.out.println("SetBasedCreateTest: POST /tasks, 1 unit: " + oneUnit.size() + " statements; " + WIDE
                + " units: " + wideTask.size() + " statements");
        wideTask.forEach(s -> System.out.println("  " + s.strip().replaceAll("\\s+", " ")));

        assertWritten(one, units.subList(0, 1));
        assertWritten(wide, units);
        assertEquals(oneUnit.size(), wideTask.size(), "the statements of a task do not grow with its units: " + wideTask);
        assertEquals(1, StatementLog.count(wideTask, "with new_task as"),
                "the task, its assignments, its history and its events in one statement");
        assertEquals(1, containing(wideTask, "insert into task ("), "no other task insert");
        assertEquals(1, containing(wideTask, "insert into assignment"), "no other assignment insert");
        assertEquals(1, containing(wideTask, "insert into task_history"), "no other history insert");
        assertEquals(1, containing(wideTask, "insert into outbox_event"), "no other event insert");
        assertEquals(1, StatementLog.count(wideTask, "select"), "units read in one query, nothing else read");
        assertEquals(1, containing(wideTask, "insert into reminder_schedule"), "no other schedule insert");
        assertEquals(1, containing(wideTask, "insert into reminder ("), "no other reminder insert");
        String write = wideTask.stream().filter(st -> st.toLowerCase().contains("with new_task as")).findFirst().orElseThrow();
        assertTrue(write.toLowerCase().contains("insert into reminder_schedule") && write.toLowerCase().contains("insert into reminder ("),
                "the schedules and reminders in the one write (hpost2): " + write);
        assertEquals(2, wideTask.size(), "units; task, assignments, history, events, schedules and reminders: " + wideTask);
    }

    /** The task row as Hibernate reads it back: what its insert (not Hibernate's) wrote, as the answer said. */
    @Test
    void theCreatedTaskReadsBackAsTheAnswerSaidAtVersionZero() {
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"title":"  公开\\"重大\\"决策预公开事项目录 ","deadline":"2099-06-30","unitCodes":["%s","%s"]}"""
                        .formatted(units.get(0), units.get(1)))
                .post("/api/v1/tasks").then().statusCode(201).body("version", equalTo(0)).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> {
            Task t = Task.findById(UUID.fromString(id));
            assertEquals("公开\"重大\"决策预公开事项目录", t.title);
            assertEquals(java.time.LocalDate.of(2099, 6, 30), t.deadline);
            assertEquals(Task.DeadlineSource.EXPLICIT, t.deadlineSource);
            assertEquals(units.get(0), t.leadUnitCode);
            assertEquals(List.of(units.get(1)), t.responsibleUnitCodes);
            assertEquals(List.of(), t.tags);
            assertEquals(List.of(), t.openGroups);
            assertNull(t.planId);
            assertNull(t.ordinal);
            assertNull(t.deadlinePhrase);
            assertNull(t.reportCycle);
            assertEquals(0, t.version);
            assertEquals(2, t.assignments.size());
        });
        given().get("/api/v1/tasks/" + id).then().statusCode(200).body("version", equalTo(0)).body("title", equalTo("公开\"重大\"决策预公开事项目录"));
    }

    @Inject
    jakarta.enterprise.event.Event<AssignmentLifecycle.Opened> opened;

    /**
     * The schedules and reminders the create's one statement writes (hpost2) are those the commit-time path
     * ({@link AssignmentLifecycle.Opened} queued, applied before commit) writes for the same deadline and policy.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCreatedTasksRemindersAreWhatTheCommitTimePathWritesForTheSameDeadline() {
        String id = create(units.subList(0, 2));
        UUID queued = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> opened.fire(new AssignmentLifecycle.Opened(queued, UUID.randomUUID(),
                units.get(0), java.time.LocalDate.of(2099, 12, 31), AssignmentLifecycle.ReminderPolicy.DEFAULT)));
        QuarkusTransaction.requiringNew().run(() -> {
            String schedule = "SELECT CAST(deadline AS text), CAST(days_before AS text), overdue_daily, open FROM reminder_schedule ";
            String reminders = "SELECT kind, threshold, CAST(deadline AS text), CAST(due_at AS text), state FROM reminder ";
            List<Object[]> expectedSchedule = em.createNativeQuery(schedule + "WHERE assignment_id = ?1").setParameter(1, queued).getResultList();
            List<Object[]> expectedReminders = em.createNativeQuery(reminders + "WHERE assignment_id = ?1 ORDER BY due_at, kind")
                    .setParameter(1, queued).getResultList();
            assertEquals(1, expectedSchedule.size());
            assertEquals(4, expectedReminders.size(), "5, 3 and 1 working days before, then overdue");
            List<Object> assignments = em.createNativeQuery("SELECT id FROM assignment WHERE task_id = ?1")
                    .setParameter(1, UUID.fromString(id)).getResultList();
            assertEquals(2, assignments.size());
            for (Object a : assignments) {
                List<Object[]> s = em.createNativeQuery(schedule + "WHERE assignment_id = ?1 AND task_id = ?2")
                        .setParameter(1, a).setParameter(2, UUID.fromString(id)).getResultList();
                List<Object[]> r = em.createNativeQuery(reminders + "WHERE assignment_id = ?1 AND task_id = ?2 ORDER BY due_at, kind")
                        .setParameter(1, a).setParameter(2, UUID.fromString(id)).getResultList();
                assertEquals(rows(expectedSchedule), rows(s), "the schedule of " + a);
                assertEquals(rows(expectedReminders), rows(r), "the reminders of " + a);
            }
        });
    }

    private static List<List<Object>> rows(List<Object[]> rows) {
        return rows.stream().map(List::of).toList();
    }

    private static long containing(List<String> statements, String text) {
        return statements.stream().filter(st -> st.toLowerCase().contains(text)).count();
    }

    @Test
    void designatingSixtyUnitsTakesAsManyStatementsAsDesignatingOne() {
        String one = create(units.subList(0, 1));
        String wide = create(units.subList(0, 1));
        designate(create(units.subList(0, 1)), units.subList(1, 2)); // warm-up

        StatementLog.arm();
        designate(one, units.subList(1, 2));
        List<String> oneUnit = StatementLog.disarm("insert into assignment ");
        StatementLog.arm();
        designate(wide, units.subList(1, WIDE));
        List<String> many = StatementLog.disarm("insert into assignment ");
        System.out.println("SetBasedCreateTest: POST /tasks/{id}/designations, 1 unit: " + oneUnit.size() + " statements; "
                + (WIDE - 1) + " units: " + many.size() + " statements");
        many.forEach(s -> System.out.println("  " + s.strip().replaceAll("\\s+", " ")));

        assertEquals(oneUnit.size(), many.size(), "the statements of a designation do not grow with its units: " + many);
        assertEquals(1, StatementLog.count(many, "insert into assignment"), "assignments in one batch");
        assertEquals(1, StatementLog.count(many, "with outbox as"), "history and events in one statement");
        assertEquals(1, containing(many, "insert into task_history"), "no other history insert");
        assertEquals(1, containing(many, "insert into outbox_event"), "no other event insert");
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> types = em.createNativeQuery("SELECT type FROM outbox_event WHERE record_key = ?1 ORDER BY seq")
                    .setParameter(1, wide).getResultList();
            assertEquals(1 + 2 * (WIDE - 1), types.size(), "task.assigned of the creation, then task.assigned and task.designated per unit");
            assertEquals(WIDE - 1, types.stream().filter("task.designated"::equals).count());
            assertEquals(WIDE, ((Number) em.createNativeQuery("SELECT count(*) FROM reminder_schedule WHERE task_id = ?1")
                    .setParameter(1, UUID.fromString(wide)).getSingleResult()).intValue());
            assertEquals(1 + 2 * (WIDE - 1) + 1, ((Number) em.createNativeQuery("SELECT count(*) FROM task_history WHERE task_id = ?1")
                    .setParameter(1, UUID.fromString(wide)).getSingleResult()).intValue(), "created, assigned, then assigned and designate per unit");
        });
    }

    private void designate(String taskId, List<String> codes) {
        String list = codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        given().contentType(ContentType.JSON).body("{\"unitCodes\":[" + list + "],\"reason\":\"补充责任单位\"}")
                .post("/api/v1/tasks/" + taskId + "/designations").then().statusCode(201);
    }

    private String create(List<String> codes) {
        String list = codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        return given().contentType(ContentType.JSON)
                .body("""
                        {"title":"编制并发布政务公开工作年度报告","deadline":"2099-12-31","unitCodes":[%s]}""".formatted(list))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    /** One assignment per unit, one task.assigned per assignment, one history row per change, one reminder schedule each. */
    @SuppressWarnings("unchecked")
    private void assertWritten(String taskId, List<String> codes) {
        QuarkusTransaction.requiringNew().run(() -> {
            UUID id = UUID.fromString(taskId);
            List<Object[]> assignments = em.createNativeQuery("SELECT CAST(id AS text), unit_code FROM assignment WHERE task_id = ?1")
                    .setParameter(1, id).getResultList();
            assertEquals(new HashSet<>(codes), assignments.stream().map(a -> (String) a[1]).collect(Collectors.toSet()));
            assertEquals(codes.size(), assignments.size());
            List<String> assignmentIds = assignments.stream().map(a -> (String) a[0]).sorted().toList();

            List<String> subjects = em.createNativeQuery(
                            "SELECT subject FROM outbox_event WHERE record_key = ?1 AND type = 'task.assigned' ORDER BY subject")
                    .setParameter(1, taskId).getResultList();
            assertEquals(assignmentIds, subjects, "one task.assigned per assignment");
            assertEquals(((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key = ?1")
                    .setParameter(1, taskId).getSingleResult()).longValue(), codes.size(), "no other event");

            List<Object[]> history = em.createNativeQuery(
                            "SELECT action, CAST(assignment_id AS text), to_state, actor FROM task_history WHERE task_id = ?1 ORDER BY seq")
                    .setParameter(1, id).getResultList();
            assertEquals(codes.size() + 1, history.size(), "created, then one row per assignment");
            assertEquals("created", history.get(0)[0]);
            assertEquals(assignmentIds, history.stream().skip(1).map(h -> (String) h[1]).sorted().toList());
            assertTrue(history.stream().skip(1).allMatch(h -> "assigned".equals(h[0]) && "ASSIGNED".equals(h[2])));
            assertTrue(history.stream().allMatch(h -> h[3] != null && !"system".equals(h[3])), "the caller is the actor");

            assertEquals(codes.size(), ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM reminder_schedule WHERE task_id = ?1").setParameter(1, id).getSingleResult()).intValue());
        });
    }
}

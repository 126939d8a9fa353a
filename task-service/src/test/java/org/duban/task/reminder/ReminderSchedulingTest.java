package org.duban.task.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.TaskPart;
import org.duban.task.unit.RegistryUnits;
import jakarta.persistence.EntityManager;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks a controllable clock day by day around real holidays and asserts the exact days reminders
 * fire, against the real database; reads what fired from the outbox.
 */
@QuarkusTest
class ReminderSchedulingTest {

    @Inject
    MutableClock clock;

    @Inject
    Reminders reminders;

    @Inject
    EntityManager em;

    @Inject
    Event<AssignmentLifecycle.Opened> opened;

    @Inject
    Event<AssignmentLifecycle.DeadlineChanged> deadlineChanged;

    @Inject
    Event<AssignmentLifecycle.Closed> closed;

    final ObjectMapper json = new ObjectMapper();

    /** The application's mapper: the one the outbox writes with. */
    @Inject
    ObjectMapper appJson;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    UUID open(LocalDate deadline, LocalDateTime at) {
        clock.set(at);
        UUID assignment = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> opened.fire(new AssignmentLifecycle.Opened(assignment, task,
                "sfj-" + assignment.toString().substring(0, 8), deadline, AssignmentLifecycle.ReminderPolicy.DEFAULT)));
        return assignment;
    }

    /** Runs a pass at 09:00 of every day from..to and returns what fired for the assignment, one line per event. */
    List<String> walk(UUID assignment, LocalDate from, LocalDate to) throws Exception {
        List<String> fired = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            // just before nine nothing of the day is due yet
            clock.set(d.atTime(8, 59, 59));
            reminders.runPass();
            int before = fired.size();
            fired.addAll(events(assignment, d, true));
            assertEquals(before, fired.size(), "fired before 09:00 on " + d + ": " + fired);
            clock.set(d.atTime(LocalTime.of(9, 0)));
            reminders.runPass();
            fired.addAll(events(assignment, d, false));
        }
        return fired;
    }

    private long lastSeq;

    @SuppressWarnings("unchecked")
    List<String> events(UUID assignment, LocalDate day, boolean peek) throws Exception {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT seq, type, CAST(payload AS text) FROM outbox_event WHERE subject = ?1 AND seq > ?2 ORDER BY seq""")
                .setParameter(1, assignment.toString()).setParameter(2, lastSeq).getResultList());
        List<String> out = new ArrayList<>();
        for (Object[] r : rows) {
            lastSeq = Math.max(lastSeq, ((Number) r[0]).longValue());
            JsonNode p = json.readTree((String) r[2]);
            String type = (String) r[1];
            String days = type.equals(ReminderEvents.DEADLINE_APPROACHING.name()) ? "left " + p.get("daysLeft").asInt()
                    : "overdue " + p.get("daysOverdue").asInt();
            out.add(day + " " + type + " " + days);
        }
        return out;
    }

    @Test
    void remindersFireOnExactlyTheRightDaysAroundTheNationalDayWeek2020() throws Exception {
        // deadline Friday 2020-10-09, the first day after 国庆节、中秋节 (10-01..08); Sunday 09-27 and
        // Saturday 10-10 were working days
        UUID a = open(LocalDate.of(2020, 10, 9), LocalDateTime.of(2020, 9, 1, 10, 0));
        assertEquals(List.of(
                "2020-09-25 task.deadline-approaching left 5",
                "2020-09-28 task.deadline-approaching left 3",
                "2020-09-30 task.deadline-approaching left 1",
                "2020-10-10 task.overdue overdue 1",
                "2020-10-12 task.overdue overdue 2",
                "2020-10-13 task.overdue overdue 3"),
                walk(a, LocalDate.of(2020, 9, 20), LocalDate.of(2020, 10, 13)));
    }

    @Test
    void remindersFireOnExactlyTheRightDaysAfterSpringFestival2021() throws Exception {
        // deadline Friday 2021-02-19; 春节 02-11..17, Sunday 02-07 and Saturday 02-20 were working days
        UUID a = open(LocalDate.of(2021, 2, 19), LocalDateTime.of(2021, 1, 4, 10, 0));
        assertEquals(List.of(
                "2021-02-07 task.deadline-approaching left 5",
                "2021-02-09 task.deadline-approaching left 3",
                "2021-02-18 task.deadline-approaching left 1",
                "2021-02-20 task.overdue overdue 1",
                "2021-02-22 task.overdue overdue 2"),
                walk(a, LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 22)));
    }

    @Test
    void theEventCarriesTheWholeTaskPartReadFromTheDatabaseInThePassItself() throws Exception {
        // a real task (the reminder's event names its title, lead and unit from the rows, issue 18)
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String lead = "sfj-" + suffix;
        String co = "zsj-" + suffix;
        RegistryUnits.seed(lead, "珠海市司法局" + suffix);
        RegistryUnits.seed(co, "珠海市政务服务数据管理局" + suffix);
        clock.set(LocalDateTime.of(2025, 9, 1, 10, 0));
        io.restassured.response.ExtractableResponse<?> created = io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"title\":\"推进行政执法公示制度" + suffix + "\",\"deadline\":\"2025-10-09\",\"unitCodes\":[\""
                        + lead + "\",\"" + co + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract();
        String taskId = created.path("id");
        UUID a = UUID.fromString(created.path("assignments[1].id"));
        clock.set(LocalDateTime.of(2025, 9, 30, 9, 0)); // 1 working day before (10-01..08 off)
        reminders.runPass();
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                        SELECT record_key, type, CAST(payload AS text), topic FROM outbox_event
                        WHERE subject = ?1 AND type = 'task.deadline-approaching'""")
                .setParameter(1, a.toString()).getSingleResult());
        assertEquals("task.deadline-approaching", row[1]);
        assertEquals("duban.task-events", row[3]);
        assertEquals(taskId, row[0]);
        DeadlineApproaching e = appJson.readValue((String) row[2], DeadlineApproaching.class);
        assertEquals(new TaskPart(UUID.fromString(taskId), a, "推进行政执法公示制度" + suffix, null, null, lead,
                "珠海市司法局" + suffix, co, "珠海市政务服务数据管理局" + suffix, TaskPart.Role.RESPONSIBLE,
                LocalDate.of(2025, 10, 9), 1), e.task());
        assertEquals(1, e.daysLeft());
        assertEquals(1, e.threshold());
    }

    @Test
    void aTaskGivenTwoDaysBeforeItsDeadlineGetsNoStaleReminders() throws Exception {
        UUID a = open(LocalDate.of(2020, 10, 9), LocalDateTime.of(2020, 9, 29, 10, 0));
        assertEquals(List.of(
                "2020-09-30 task.deadline-approaching left 1",
                "2020-10-10 task.overdue overdue 1"),
                walk(a, LocalDate.of(2020, 9, 29), LocalDate.of(2020, 10, 10)));
    }

    @Test
    void nothingFiresAfterTheAssignmentIsClosed() throws Exception {
        // deadline Friday 2022-10-14: 5 working days before is Sunday 10-09, a 调休 working day after 国庆节
        UUID a = open(LocalDate.of(2022, 10, 14), LocalDateTime.of(2022, 9, 1, 10, 0));
        assertEquals(List.of("2022-10-09 task.deadline-approaching left 5"),
                walk(a, LocalDate.of(2022, 9, 28), LocalDate.of(2022, 10, 9)));
        QuarkusTransaction.requiringNew().run(() -> closed.fire(new AssignmentLifecycle.Closed(a, "completed")));
        assertEquals(List.of(), walk(a, LocalDate.of(2022, 10, 10), LocalDate.of(2022, 10, 24)));
        assertEquals(0, pending(a));
    }

    @Test
    void aChangedDeadlineMovesThePendingReminders() throws Exception {
        UUID a = open(LocalDate.of(2020, 10, 9), LocalDateTime.of(2020, 9, 1, 10, 0));
        assertEquals(List.of("2020-09-25 task.deadline-approaching left 5"),
                walk(a, LocalDate.of(2020, 9, 21), LocalDate.of(2020, 9, 25)));
        // extension approved on 09-25 at 10:00: to Friday 2020-10-30
        clock.set(LocalDateTime.of(2020, 9, 25, 10, 0));
        QuarkusTransaction.requiringNew().run(() -> deadlineChanged.fire(
                new AssignmentLifecycle.DeadlineChanged(a, LocalDate.of(2020, 10, 30))));
        assertEquals(List.of(
                "2020-10-23 task.deadline-approaching left 5",
                "2020-10-27 task.deadline-approaching left 3",
                "2020-10-29 task.deadline-approaching left 1",
                "2020-11-02 task.overdue overdue 1"),
                walk(a, LocalDate.of(2020, 9, 26), LocalDate.of(2020, 11, 2)));
    }

    @Test
    void twoSchedulersRunningAtTheSameTimeFireEachReminderOnce() throws Exception {
        // 300 assignments whose 1-day reminder is due at 2023-06-21 09:00 (deadline Sunday 06-25 is a
        // 调休 working day after 端午节 06-22..24, so 1 working day before is Wednesday 06-21)
        LocalDate deadline = LocalDate.of(2023, 6, 25);
        clock.set(LocalDateTime.of(2023, 6, 20, 10, 0));
        Set<UUID> ids = new HashSet<>();
        UUID task = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 300; i++) {
                UUID a = UUID.randomUUID();
                ids.add(a);
                opened.fire(new AssignmentLifecycle.Opened(a, task, "u" + i, deadline,
                        new AssignmentLifecycle.ReminderPolicy(List.of(1), false)));
            }
        });
        clock.set(LocalDateTime.of(2023, 6, 21, 9, 0));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            passes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                int taken = 0;
                for (int n; (n = reminders.runPass()) > 0; ) {
                    taken += n;
                }
                return taken;
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> p : passes) {
            p.get(60, TimeUnit.SECONDS);
        }
        List<?> subjects = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT subject FROM outbox_event WHERE record_key = ?1 AND type = 'task.deadline-approaching'")
                .setParameter(1, task.toString()).getResultList());
        assertEquals(300, subjects.size(), "one event per reminder, none twice");
        assertEquals(300, new HashSet<>(subjects).size());
        long fired = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM reminder WHERE task_id = ?1 AND state = 'FIRED' AND event_id IS NOT NULL")
                .setParameter(1, task).getSingleResult()).longValue());
        assertEquals(300, fired);
    }

    @Test
    void aTaskCreatedThroughTheApiGetsRemindersForEachUnit() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        org.duban.task.unit.RegistryUnits.seed("sfj-" + suffix, "珠海市司法局" + suffix);
        org.duban.task.unit.RegistryUnits.seed("zsj-" + suffix, "珠海市政务服务数据管理局" + suffix);
        clock.set(LocalDateTime.of(2026, 9, 1, 10, 0));
        String taskId = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body("""
                        {"title":"编制政务公开年度报告","deadline":"2026-10-09","unitCodes":["sfj-%s","zsj-%s"]}"""
                        .formatted(suffix, suffix))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT kind, threshold, CAST(due_at AT TIME ZONE 'Asia/Shanghai' AS text) FROM reminder
                        WHERE task_id = ?1 AND state = 'PENDING' ORDER BY unit_code, due_at""")
                .setParameter(1, UUID.fromString(taskId)).getResultList());
        // 2026: 中秋节 09-25..27, 国庆节 10-01..07 (10-08 is worked), Saturday 10-10 worked; deadline Friday 10-09
        List<String> expected = List.of("APPROACHING 5 2026-09-24 09:00:00", "APPROACHING 3 2026-09-29 09:00:00",
                "APPROACHING 1 2026-10-08 09:00:00", "OVERDUE 1 2026-10-10 09:00:00");
        List<String> both = new ArrayList<>(expected);
        both.addAll(expected);
        assertEquals(both, rows.stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList());
    }

    long pending(UUID a) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM reminder WHERE assignment_id = ?1 AND state = 'PENDING'")
                .setParameter(1, a).getSingleResult()).longValue());
    }
}

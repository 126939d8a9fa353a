package org.duban.task.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.AssignmentActions;
import org.duban.task.ProductionSchedules;
import org.duban.task.reminder.ReminderEvents;
import org.duban.task.time.MutableClock;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reporting cycle's reminders fire on the production wiring: the reminder scheduler's own timer
 * ({@code duban.reminders.enabled}, here every 1 s: {@link ProductionSchedules}), no test calling a pass. On the
 * simulated clock the Q1 report's reminder (2 working days before 2025-03-31) and its overdue alert (the first
 * working day after) each reach the outbox once, while the scheduler keeps ticking.
 */
@QuarkusTest
@TestProfile(ProductionSchedules.class)
class ReportRemindersScheduledTest {

    private static final Duration FIRES = Duration.ofSeconds(60);

    @Inject
    MutableClock clock;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    long events(String assignment, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE subject = ?1 AND type = ?2")
                .setParameter(1, assignment).setParameter(2, type).getSingleResult()).longValue());
    }

    @Test
    void theSchedulerFiresAReportsReminderAndItsOverdueAlertOnceEach() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unit = "rs-" + suffix;
        RegistryUnits.seed(unit, "珠海市政务服务数据管理局" + suffix);
        clock.set(LocalDateTime.of(2025, 1, 2, 10, 0));
        String body = """
                {"documentNumber":"珠府办〔2025〕%s号","title":"珠海市2025年政务公开工作要点分工方案","year":2025,
                 "reportCycle":{"frequency":"QUARTERLY","due":"END","remindDaysBefore":2},
                 "sections":[{"title":"一、加强政策解读","workItems":[{"title":"（一）做好政策解读","tasks":[
                   {"text":"持续做好政策解读工作，每季度末前报送进展。","periodic":true,"leadUnitCode":"%s"}]}]}]}"""
                .formatted(suffix, unit);
        String planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id");
        String assignment = given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(200)
                .extract().path("sections[0].workItems[0].tasks[0].assignments[0].id");
        AssignmentActions.act(AssignmentActions.operator(unit), assignment, "accept", null, 200);
        String due = ReminderEvents.REPORT_DUE.name();
        String overdue = ReminderEvents.REPORT_OVERDUE.name();
        assertEquals(0, events(assignment, due));

        clock.set(LocalDateTime.of(2025, 3, 27, 9, 0)); // two working days before Monday 03-31
        await().atMost(FIRES).until(() -> events(assignment, due) == 1);
        assertEquals(0, events(assignment, overdue));

        clock.set(LocalDateTime.of(2025, 4, 1, 9, 0)); // the first working day after 03-31, no report
        await().atMost(FIRES).until(() -> events(assignment, overdue) == 1);
        assertEquals(1, events(assignment, due), "the reminder fired once, whatever the ticks since");
    }
}

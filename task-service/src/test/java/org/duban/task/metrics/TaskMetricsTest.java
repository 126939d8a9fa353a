package org.duban.task.metrics;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.outbox.OutboxMetrics;
import org.duban.task.importing.PlanImportResourceTest;
import org.duban.task.query.AssignmentGauges;
import org.duban.task.reminder.ReminderScheduler;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.time.MutableClock;
import org.duban.task.unit.RegistryUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: task-service's meters at /q/metrics move by exactly what happened — scraped before and
 * after each action (a task, a reminder pass, plan imports, the outbox relay), in the Prometheus form
 * an operator and the alert rules read.
 */
@QuarkusTest
class TaskMetricsTest {

    /** OutboxRelay's advisory lock: held by the test, the relay of this service waits. */
    private static final long RELAY_LOCK = 0x6475_6261_6e01L;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MutableClock clock;

    @Inject
    ReminderScheduler scheduler;

    @Inject
    OutboxMetrics outboxMetrics;

    @Inject
    AssignmentGauges assignmentGauges;

    @Inject
    Event<AssignmentLifecycle.Opened> opened;

    @BeforeAll
    static void units() {
        for (var e : Map.of("szfb", "珠海市人民政府办公室", "sfj", "珠海市司法局", "zsj", "珠海市政务服务数据管理局",
                "fgj", "珠海市发展和改革局", "scj", "珠海市市场监督管理局", "xzq", "珠海市香洲区人民政府",
                "hqxq", "横琴新区管理委员会").entrySet()) {
            RegistryUnits.seed(e.getKey(), e.getValue());
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void creatingATaskCountsItAndItsAssignmentsAndTheRouteTemplateNotTheId() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        assignmentGauges.refresh();
        Scrape before = Scrape.take();
        RegistryUnits.seed("sfj-" + suffix, "珠海市司法局" + suffix);
        RegistryUnits.seed("zsj-" + suffix, "珠海市政务服务数据管理局" + suffix);

        String id = given().contentType(ContentType.JSON).body("{\"title\":\"编制政务公开年度报告" + suffix
                        + "\",\"deadline\":\"" + LocalDate.now().plusMonths(2) + "\",\"unitCodes\":[\"sfj-" + suffix
                        + "\",\"zsj-" + suffix + "\"]}")
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        given().get("/api/v1/tasks/" + id).then().statusCode(200);
        assignmentGauges.refresh();
        Scrape after = Scrape.take();

        assertEquals(1, delta(before, after, "duban_tasks_created_total"));
        // two new assignments, ASSIGNED; the gauge is the table's count by state, whatever the light
        assertEquals(2, after.sum("duban_assignments", "state", "ASSIGNED") - before.sum("duban_assignments", "state", "ASSIGNED"));
        assertEquals(count("SELECT count(*) FROM assignment WHERE state = 'ASSIGNED'"),
                (long) after.sum("duban_assignments", "state", "ASSIGNED"));
        assertEquals(count("SELECT count(*) FROM assignment"), (long) after.sum("duban_assignments"));
        assertTrue(after.has("duban_assignments", "state", "COMPLETED", "light", "NONE"), after.named("duban_assignments").toString());

        // the two snapshots of the new units were applied by the replica's consumer
        assertEquals(2, delta(before, after, "duban_events_consumed_total",
                "consumer", "task-unit-replica", "type", "unit.snapshot", "outcome", "applied"),
                after.named("duban_events_consumed_total").toString());

        // HTTP by route template (below quarkus.rest.path, /api/v1) and status: never the raw id
        assertTrue(after.has("http_server_requests_seconds_count", "uri", "/tasks", "method", "POST", "status", "201"),
                after.named("http_server_requests_seconds_count").toString());
        assertTrue(after.has("http_server_requests_seconds_count", "uri", "/tasks/{id}", "method", "GET", "status", "200"),
                after.named("http_server_requests_seconds_count").toString());
        assertFalse(after.text().contains(id), "a task id appears in the scrape");
    }

    @Test
    void aReminderPassIsTimedAndCountsTheRemindersThatBecameEvents() {
        UUID assignment = UUID.randomUUID();
        clock.set(LocalDateTime.of(2025, 9, 1, 10, 0));
        QuarkusTransaction.requiringNew().run(() -> opened.fire(new AssignmentLifecycle.Opened(assignment, UUID.randomUUID(),
                "sfj", LocalDate.of(2025, 10, 9), AssignmentLifecycle.ReminderPolicy.DEFAULT)));
        LocalDateTime passAt = LocalDateTime.of(2025, 9, 30, 9, 0); // 1 working day before (10-01..08 off)
        clock.set(passAt);
        Scrape before = Scrape.take();

        scheduler.pass();
        Scrape after = Scrape.take();

        assertEquals(1, delta(before, after, "duban_reminder_pass_seconds_count"));
        assertTrue(delta(before, after, "duban_reminder_pass_seconds_sum") > 0);
        assertEquals(0, delta(before, after, "duban_reminder_pass_failures_total"));
        // every reminder this pass fired (ours, and any other test's that was due by then) and nothing else
        long firedByThePass = count("SELECT count(*) FROM reminder WHERE state = 'FIRED' AND fired_at = '"
                + passAt.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime() + "'");
        assertTrue(count("SELECT count(*) FROM reminder WHERE state = 'FIRED' AND assignment_id = '" + assignment + "'") == 1);
        assertEquals(firedByThePass, (long) delta(before, after, "duban_reminder_fired_total"));
    }

    @Test
    void planImportsAreCountedByResult() {
        String doc = PlanImportResourceTest.newDocNumber();
        Scrape before = Scrape.take();

        String id = given().contentType("text/plain; charset=UTF-8").body(PlanImportResourceTest.variant(doc))
                .post("/api/v1/plan-imports").then().statusCode(201).extract().path("id");
        given().post("/api/v1/plan-imports/" + id + "/confirm").then().statusCode(201);
        given().post("/api/v1/plan-imports/" + id + "/confirm").then().statusCode(409); // confirmed already
        given().contentType("text/plain; charset=UTF-8")
                .body("珠海市人民政府办公室\n\n关于做好政务公开工作的通知\n\n请各单位认真落实。\n")
                .post("/api/v1/plan-imports").then().statusCode(422).contentType("application/problem+json");
        Scrape after = Scrape.take();

        assertEquals(1, delta(before, after, "duban_plan_imports_total", "result", "previewed"));
        assertEquals(1, delta(before, after, "duban_plan_imports_total", "result", "confirmed"));
        assertEquals(2, delta(before, after, "duban_plan_imports_total", "result", "refused"));
        assertEquals(3, delta(before, after, "duban_tasks_created_total"), "the confirmed plan drafted 3 tasks");
    }

    @Test
    void theOutboxBacklogCountsWhatWaitsAndReturnsToZeroOnceTheRelayPublished() throws Exception {
        Scrape before = Scrape.take();
        UUID event = UUID.randomUUID();
        try (Connection held = dataSource.getConnection(); Statement s = held.createStatement()) {
            // the relay cannot take its lock meanwhile: the row waits, 90 s old
            s.execute("SELECT pg_advisory_lock(" + RELAY_LOCK + ")");
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        INSERT INTO outbox_event (id, topic, record_key, type, source, subject, occurred_at, payload)
                        VALUES (?1, 'duban.task-events', 'metrics-test', 'test.metrics', '/duban/task-service', 'm', ?2, '{}')""")
                        .setParameter(1, event)
                        .setParameter(2, java.time.OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(90)).executeUpdate());
                outboxMetrics.refresh();
                Scrape waiting = Scrape.take();
                assertTrue(waiting.sum("duban_outbox_backlog") >= 1, waiting.named("duban_outbox_backlog").toString());
                assertEquals(count("SELECT count(*) FROM outbox_event WHERE published_at IS NULL"),
                        (long) waiting.sum("duban_outbox_backlog"));
                assertTrue(waiting.sum("duban_outbox_oldest_age_seconds") >= 90,
                        waiting.named("duban_outbox_oldest_age_seconds").toString());
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + RELAY_LOCK + ")");
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0);
        outboxMetrics.refresh();
        Scrape after = Scrape.take();
        assertEquals(0, after.sum("duban_outbox_backlog"));
        assertEquals(0, after.sum("duban_outbox_oldest_age_seconds"));
        assertTrue(delta(before, after, "duban_outbox_published_total", "topic", "duban.task-events") >= 1);
        assertTrue(delta(before, after, "duban_outbox_publish_seconds_count", "outcome", "acked") >= 1);
    }

    @Test
    void theScrapeHasJvmPoolAndKafkaClientMeters() throws java.io.IOException {
        Scrape scrape = Scrape.take();
        // kept for a reader checking names against the dashboard (deploy/observability)
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-scrape.txt"), scrape.text());
        assertTrue(scrape.has("jvm_memory_used_bytes"), "JVM");
        assertTrue(scrape.has("agroal_active_count"), "datasource pool");
        assertTrue(scrape.has("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
        assertTrue(scrape.has("kafka_producer_record_send_total"), "producer");
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}

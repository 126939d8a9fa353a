package org.duban.task.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 8's goal: the ledger (台账) of a plan with 1,000 tasks x 60 units (60,000 rows) exported as XLSX in
 * ≤ 5 s with ≤ 256 MB of heap. The plan is inserted set-based with SQL (states, reports and completions
 * spread over the rows), then GET /plans/{id}/ledger?format=xlsx is read over HTTP and discarded.
 * Heap: after a full GC, the peak usage of every heap pool is reset; afterwards it reports (a) the sum of the
 * pools' peaks — an upper bound of the heap the whole JVM (app, test and garbage) used during the export — and
 * (b) the largest heap left live after any GC during the export, from GC notifications.
 * Run: {@code ./mvnw -B test -pl task-service -Dgroups=benchmark -Dduban.excludedGroups=none -Dtest=LedgerExportBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class LedgerExportBenchmark {

    static final int TASKS = 1_000;
    static final int UNITS = 60;

    @Inject
    EntityManager em;

    final UUID plan = UUID.randomUUID();
    final String prefix = "bench-" + plan.toString().substring(0, 6) + "-";

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            String tasks = "(SELECT id FROM task WHERE plan_id = ?1)";
            String as = "(SELECT id FROM assignment WHERE task_id IN " + tasks + ")";
            em.createNativeQuery("DELETE FROM progress_report WHERE assignment_id IN " + as).setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM assignment WHERE task_id IN " + tasks).setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM task WHERE plan_id = ?1").setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM work_item WHERE section_id IN (SELECT id FROM plan_section WHERE plan_id = ?1)")
                    .setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM plan_section WHERE plan_id = ?1").setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM plan WHERE id = ?1").setParameter(1, plan).executeUpdate();
            em.createNativeQuery("DELETE FROM unit_replica WHERE code LIKE ?1").setParameter(1, prefix + "%").executeUpdate();
        });
    }

    private void insertPlan() {
        LocalDate today = LocalDate.now(org.duban.task.time.ClockProducer.ZONE);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO unit_replica (code, name, type, active, version, updated_at)
                    SELECT ?1 || lpad(i::text, 2, '0'), '珠海市基准测试单位' || i, 'DEPARTMENT', true, 0, now()
                    FROM generate_series(1, ?2) i""").setParameter(1, prefix).setParameter(2, UNITS).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO plan (id, document_number, title, year, default_deadline, state, reminder_days,
                                      overdue_daily, created_at, published_at)
                    VALUES (?1, ?2, '珠海市政务公开工作要点分工方案（基准测试）', 2026, ?3, 'PUBLISHED', '[5,3,1]', true, now(), now())""")
                    .setParameter(1, plan).setParameter(2, prefix + "珠府办〔2026〕1号").setParameter(3, today.plusDays(90))
                    .executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO plan_section (id, plan_id, ordinal, title)
                    SELECT gen_random_uuid(), ?1, s, '第' || s || '部分：推进政务公开重点工作' FROM generate_series(1, 6) s""")
                    .setParameter(1, plan).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO work_item (id, section_id, ordinal, title)
                    SELECT gen_random_uuid(), s.id, w, '（' || w || '）加强重点领域信息公开'
                    FROM plan_section s, generate_series(1, 5) w WHERE s.plan_id = ?1""").setParameter(1, plan).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO task (id, title, deadline, created_at, plan_id, section_id, work_item_id, ordinal, lead_unit_code)
                    SELECT gen_random_uuid(), '第' || i || '项任务：做好政府信息主动公开、依申请公开和政策解读工作。',
                           CAST(?2 AS date) + (i % 120 - 30), now() - interval '40 days', ?1, w.section_id, w.id, i, ?3 || '01'
                    FROM generate_series(1, ?4) i
                    JOIN (SELECT wi.id, wi.section_id, row_number() OVER (ORDER BY s.ordinal, wi.ordinal) - 1 AS n
                          FROM work_item wi JOIN plan_section s ON s.id = wi.section_id WHERE s.plan_id = ?1) w
                      ON w.n = (i - 1) * 30 / ?4""")
                    .setParameter(1, plan).setParameter(2, today).setParameter(3, prefix).setParameter(4, TASKS)
                    .executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO assignment (id, task_id, unit_code, role, state, created_at, updated_at, deadline,
                                            progress_percent, last_progress_at, closed_at)
                    SELECT gen_random_uuid(), t.id, u.code, CASE WHEN u.code = t.lead_unit_code THEN 'LEAD' ELSE 'RESPONSIBLE' END,
                           st.state, t.created_at, now(), t.deadline,
                           CASE st.state WHEN 'COMPLETED' THEN 100 WHEN 'IN_PROGRESS' THEN 40 ELSE 0 END,
                           CASE WHEN st.state IN ('COMPLETED','IN_PROGRESS') THEN now() - interval '3 days' END,
                           CASE WHEN st.state IN ('COMPLETED','RETURNED') THEN now() - interval '1 day' END
                    FROM task t CROSS JOIN unit_replica u
                    CROSS JOIN LATERAL (SELECT (ARRAY['ASSIGNED','ACCEPTED','IN_PROGRESS','IN_PROGRESS','SUBMITTED',
                                               'COMPLETED','COMPLETED','RETURNED'])[1 + abs(hashtext(t.id::text || u.code)) % 8] AS state) st
                    WHERE t.plan_id = ?1 AND u.code LIKE ?2""").setParameter(1, plan).setParameter(2, prefix + "%")
                    .executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO progress_report (id, assignment_id, summary, percent, actor, reported_at)
                    SELECT gen_random_uuid(), a.id, '已完成阶段性工作，正在按计划推进。', a.progress_percent, 'unit:' || a.unit_code,
                           a.last_progress_at
                    FROM assignment a JOIN task t ON t.id = a.task_id
                    WHERE t.plan_id = ?1 AND a.last_progress_at IS NOT NULL""").setParameter(1, plan).executeUpdate();
            em.createNativeQuery("ANALYZE assignment, task, progress_report").executeUpdate();
        });
    }

    @Test
    void exportTheLedgerOf1000TasksTimes60UnitsAsXlsx() throws Exception {
        insertPlan();
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM assignment a JOIN task t ON t.id = a.task_id WHERE t.plan_id = ?1")
                .setParameter(1, plan).getSingleResult());
        assertEquals(TASKS * UNITS, rows.intValue());

        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/plans/" + plan + "/ledger?format=xlsx");
        Path file = Files.createTempFile("ledger", ".xlsx");
        // warm-up on the same data (JIT), then the measured run
        long warmupMs = export(http, uri, file);

        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long baseline = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong liveAfterGc = new AtomicLong();
        NotificationListener listener = (n, h) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heap.stream().anyMatch(p -> p.getName().equals(e.getKey())))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                liveAfterGc.accumulateAndGet(used, Math::max);
            }
        };
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        gcs.forEach(g -> ((NotificationEmitter) g).addNotificationListener(listener, null, null));
        long ms;
        try {
            ms = export(http, uri, file);
        } finally {
            for (GarbageCollectorMXBean g : gcs) {
                ((NotificationEmitter) g).removeNotificationListener(listener);
            }
        }
        long peakSum = heap.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
        long size = Files.size(file);

        int sheetRows;
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            sheetRows = wb.getSheet("台账").getLastRowNum();
        }
        Files.delete(file);
        assertEquals(TASKS * UNITS, sheetRows, "one row per task x unit under the header");

        String line = String.format("%s LedgerExportBenchmark xlsx rows=%d size=%.1f MB warm-up=%d ms time=%d ms"
                        + " heap: baseline=%d MB, sum of pool peaks=%d MB (upper bound), max live after GC=%d MB, max=%d MB",
                LocalDate.now(), rows.intValue(), size / 1e6, warmupMs, ms, baseline >> 20, peakSum >> 20,
                liveAfterGc.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println(line);
        Files.writeString(Path.of("target/benchmarks.txt"), line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long export(HttpClient http, URI uri, Path file) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode());
        return ms;
    }
}

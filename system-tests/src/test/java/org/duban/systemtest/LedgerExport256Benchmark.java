package org.duban.systemtest;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.SAXParserFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8's goal, measured on the service alone: the ledger (台账) of a plan with 1,000 tasks x 60 units
 * (60,000 rows) exported as XLSX by the suite's task-service PROCESS, which {@link ServiceProcess} starts
 * with {@code -Xmx256m} (as the local run does). The plan is inserted set-based with SQL over JDBC into
 * task-service's database (the shape of task-service's {@code LedgerExportBenchmark}); then
 * GET /plans/{id}/ledger?format=xlsx is read over HTTP into a file: one warm-up and three measured runs.
 * While each export runs, {@code jstat -gc <pid> 20} samples the service's heap (used = survivors + eden +
 * old, committed likewise) every 20 ms; the maximum sampled use, the maximum committed heap, the GCs
 * during the run and the JVM's MaxHeapSize (from {@code jcmd <pid> VM.flags}) are reported. The file is
 * checked with POI's streaming reader: 60,001 rows (header + one per task x unit) in the sheet 台账.
 * Run: {@code ./mvnw -B verify -pl system-tests -Dgroups=benchmark -Dduban.excludedGroups=none
 * -Dtest=LedgerExport256Benchmark} after {@code ./mvnw -B -q install -DskipTests}.
 */
@Tag("benchmark")
class LedgerExport256Benchmark {

    static final int TASKS = 1_000;
    static final int UNITS = 60;
    static final int RUNS = 3;
    static final int SAMPLE_MS = 20;

    final Suite suite = Suite.get();
    final UUID plan = UUID.randomUUID();
    final String prefix = "b256-" + plan.toString().substring(0, 6) + "-";

    @AfterEach
    void cleanUp() throws SQLException {
        try (Connection c = connect()) {
            String tasks = "(SELECT id FROM task WHERE plan_id = ?1)";
            String as = "(SELECT id FROM assignment WHERE task_id IN " + tasks + ")";
            update(c, "DELETE FROM progress_report WHERE assignment_id IN " + as, plan);
            update(c, "DELETE FROM assignment WHERE task_id IN " + tasks, plan);
            update(c, "DELETE FROM task WHERE plan_id = ?1", plan);
            update(c, "DELETE FROM work_item WHERE section_id IN (SELECT id FROM plan_section WHERE plan_id = ?1)", plan);
            update(c, "DELETE FROM plan_section WHERE plan_id = ?1", plan);
            update(c, "DELETE FROM plan WHERE id = ?1", plan);
            update(c, "DELETE FROM unit_replica WHERE code LIKE ?1", prefix + "%");
        }
    }

    @Test
    void exportTheLedgerOf1000TasksTimes60UnitsAsXlsxUnder256MbOfHeap() throws Exception {
        int rows = insertPlan();
        assertEquals(TASKS * UNITS, rows);

        ServiceProcess task = suite.process(Service.TASK);
        long pid = servicePid(task);
        String flags = run("jcmd", Long.toString(pid), "VM.flags");
        long maxHeap = Long.parseLong(match(flags, "-XX:MaxHeapSize=(\\d+)"));
        String gc = match(flags, "-XX:\\+Use(\\w+GC)");

        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(suite.url(Service.TASK) + "/plans/" + plan + "/ledger?format=xlsx");
        Path file = Files.createTempFile("ledger256", ".xlsx");
        List<String> lines = new ArrayList<>();
        try {
            long warmupMs = export(http, uri, file);
            assertEquals(TASKS * UNITS + 1, sheetRows(file), "header + one row per task x unit");
            lines.add(String.format("warm-up: %d ms", warmupMs));
            long worstPeak = 0;
            long worstMs = 0;
            for (int i = 1; i <= RUNS; i++) {
                Files.deleteIfExists(file);
                Sample s;
                long ms;
                try (HeapSampler sampler = HeapSampler.start(pid)) {
                    ms = export(http, uri, file);
                    s = sampler.stop();
                }
                long size = Files.size(file);
                int sheetRows = sheetRows(file);
                assertEquals(TASKS * UNITS + 1, sheetRows, "header + one row per task x unit");
                worstPeak = Math.max(worstPeak, s.maxUsedKb);
                worstMs = Math.max(worstMs, ms);
                lines.add(String.format("run %d: %d ms, %d sheet rows, %.1f MB; heap used at start %d MB, max %d MB (%d samples),"
                                + " committed max %d MB, young GCs %d, full GCs %d, concurrent cycles %d",
                        i, ms, sheetRows, size / 1e6, s.startUsedKb >> 10, s.maxUsedKb >> 10, s.samples, s.maxCommittedKb >> 10,
                        s.youngGcs, s.fullGcs, s.concurrentGcs));
                assertTrue(s.samples > 0, "jstat sampled the heap during the export");
            }
            assertTrue(task.isAlive(), "task-service still running");
            String log = Files.readString(task.log(), StandardCharsets.UTF_8);
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in " + task.log());

            String head = String.format("%s LedgerExport256Benchmark task-service pid %d, %s, MaxHeapSize %d MB,"
                    + " %d rows:", LocalDate.now(), pid, gc, maxHeap >> 20, rows);
            StringBuilder out = new StringBuilder(head).append(System.lineSeparator());
            lines.forEach(l -> out.append("  ").append(l).append(System.lineSeparator()));
            out.append(String.format("  worst of %d runs: %d ms, heap used max %d MB of %d MB%n",
                    RUNS, worstMs, worstPeak >> 10, maxHeap >> 20));
            out.append("  heap after the runs (jcmd GC.heap_info):").append(System.lineSeparator());
            run("jcmd", Long.toString(pid), "GC.heap_info").lines().skip(1)
                    .forEach(l -> out.append("    ").append(l).append(System.lineSeparator()));
            System.out.print(out);
            Files.writeString(suite.root.resolve("system-tests/target/benchmarks.txt"), out, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            assertTrue(maxHeap <= 256L << 20, "the service runs with at most 256 MB of heap");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // ---- the plan, set-based over JDBC ----

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl(Service.TASK), suite.infra.dbUser(), suite.infra.dbPassword());
    }

    private static final Pattern PARAM = Pattern.compile("\\?(\\d+)");

    /** Runs {@code sql} whose parameters are written ?1, ?2, … (each may appear more than once). */
    private static int update(Connection c, String sql, Object... args) throws SQLException {
        List<Integer> order = new ArrayList<>();
        Matcher m = PARAM.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        try (PreparedStatement ps = c.prepareStatement(jdbc.toString())) {
            for (int i = 0; i < order.size(); i++) {
                ps.setObject(i + 1, args[order.get(i) - 1]);
            }
            return ps.executeUpdate();
        }
    }

    private int insertPlan() throws SQLException {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            update(c, """
                    INSERT INTO unit_replica (code, name, type, active, version, updated_at)
                    SELECT ?1 || lpad(i::text, 2, '0'), '珠海市基准测试单位' || i, 'DEPARTMENT', true, 0, now()
                    FROM generate_series(1, ?2) i""", prefix, UNITS);
            update(c, """
                    INSERT INTO plan (id, document_number, title, year, default_deadline, state, reminder_days,
                                      overdue_daily, created_at, published_at)
                    VALUES (?1, ?2, '珠海市政务公开工作要点分工方案（基准测试）', 2026, ?3, 'PUBLISHED', '[5,3,1]', true, now(), now())""",
                    plan, prefix + "珠府办〔2026〕1号", today.plusDays(90));
            update(c, """
                    INSERT INTO plan_section (id, plan_id, ordinal, title)
                    SELECT gen_random_uuid(), ?1, s, '第' || s || '部分：推进政务公开重点工作' FROM generate_series(1, 6) s""",
                    plan);
            update(c, """
                    INSERT INTO work_item (id, section_id, ordinal, title)
                    SELECT gen_random_uuid(), s.id, w, '（' || w || '）加强重点领域信息公开'
                    FROM plan_section s, generate_series(1, 5) w WHERE s.plan_id = ?1""", plan);
            update(c, """
                    INSERT INTO task (id, title, deadline, created_at, plan_id, section_id, work_item_id, ordinal, lead_unit_code)
                    SELECT gen_random_uuid(), '第' || i || '项任务：做好政府信息主动公开、依申请公开和政策解读工作。',
                           CAST(?2 AS date) + (i % 120 - 30), now() - interval '40 days', ?1, w.section_id, w.id, i, ?3 || '01'
                    FROM generate_series(1, ?4) i
                    JOIN (SELECT wi.id, wi.section_id, row_number() OVER (ORDER BY s.ordinal, wi.ordinal) - 1 AS n
                          FROM work_item wi JOIN plan_section s ON s.id = wi.section_id WHERE s.plan_id = ?1) w
                      ON w.n = (i - 1) * 30 / ?4""", plan, today, prefix, TASKS);
            update(c, """
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
                    WHERE t.plan_id = ?1 AND u.code LIKE ?2""", plan, prefix + "%");
            update(c, """
                    INSERT INTO progress_report (id, assignment_id, summary, percent, actor, reported_at)
                    SELECT gen_random_uuid(), a.id, '已完成阶段性工作，正在按计划推进。', a.progress_percent, 'unit:' || a.unit_code,
                           a.last_progress_at
                    FROM assignment a JOIN task t ON t.id = a.task_id
                    WHERE t.plan_id = ?1 AND a.last_progress_at IS NOT NULL""", plan);
            c.commit();
            c.setAutoCommit(true);
            update(c, "ANALYZE assignment, task, progress_report");
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM assignment a JOIN task t ON t.id = a.task_id WHERE t.plan_id = ?")) {
                ps.setObject(1, plan);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }

    // ---- the export and its file ----

    private static long export(HttpClient http, URI uri, Path file) throws IOException, InterruptedException {
        // the ledger is read as the supervising office
        HttpRequest req = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + org.duban.testsupport.security.TestKeys.token("supervisor")).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<Path> r = http.send(req, HttpResponse.BodyHandlers.ofFile(file));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode());
        return ms;
    }

    /** Rows of the sheet 台账, counted with POI's streaming (SAX) reader. */
    private static int sheetRows(Path file) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    if (!"台账".equals(sheets.getSheetName())) {
                        continue;
                    }
                    int[] rows = {0};
                    SAXParserFactory f = SAXParserFactory.newInstance();
                    f.setNamespaceAware(true);
                    f.newSAXParser().parse(in, new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String local, String qName, Attributes a) {
                            if ("row".equals(local)) {
                                rows[0]++;
                            }
                        }
                    });
                    return rows[0];
                }
            }
        }
        throw new AssertionError("no sheet 台账 in " + file);
    }

    // ---- the service process's heap ----

    /** The pid of the suite's task-service: the child JVM listening on its port. */
    private static long servicePid(ServiceProcess p) {
        String port = "-Dquarkus.http.port=" + p.port();
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(port)).orElse(false))
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(p.service().module)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no process of " + p.service().module)).pid();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError(regex + " not in " + text);
        }
        return m.group(1);
    }

    record Sample(int samples, long startUsedKb, long maxUsedKb, long maxCommittedKb, long youngGcs, long fullGcs, long concurrentGcs) {
    }

    /** {@code jstat -gc <pid> 20}: heap used and committed (KB) and GC counts, read as they come. */
    static final class HeapSampler implements AutoCloseable {
        private final Process jstat;
        private final Thread reader;
        private final CountDownLatch first = new CountDownLatch(1);
        private int samples;
        private long startUsed = -1;
        private long maxUsed;
        private long maxCommitted;
        private long[] firstCounts;
        private long[] lastCounts;

        private HeapSampler(long pid) throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), Integer.toString(SAMPLE_MS))
                    .redirectErrorStream(true).start();
            reader = new Thread(this::read, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static HeapSampler start(long pid) throws IOException, InterruptedException {
            HeapSampler s = new HeapSampler(pid);
            if (!s.first.await(10, TimeUnit.SECONDS)) {
                s.close();
                throw new AssertionError("jstat gave no sample within 10 s");
            }
            return s;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                Map<String, Integer> col = new HashMap<>();
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 0 && f[0].equals("S0C")) {
                        for (int i = 0; i < f.length; i++) {
                            col.put(f[i], i);
                        }
                        continue;
                    }
                    if (col.isEmpty() || f.length < col.size()) {
                        continue;
                    }
                    long used = kb(f, col, "S0U") + kb(f, col, "S1U") + kb(f, col, "EU") + kb(f, col, "OU");
                    long committed = kb(f, col, "S0C") + kb(f, col, "S1C") + kb(f, col, "EC") + kb(f, col, "OC");
                    long[] counts = {count(f, col, "YGC"), count(f, col, "FGC"), count(f, col, "CGC")};
                    synchronized (this) {
                        samples++;
                        if (startUsed < 0) {
                            startUsed = used;
                        }
                        maxUsed = Math.max(maxUsed, used);
                        maxCommitted = Math.max(maxCommitted, committed);
                        if (firstCounts == null) {
                            firstCounts = counts;
                        }
                        lastCounts = counts;
                    }
                    first.countDown();
                }
            } catch (IOException ended) {
                // jstat was stopped
            }
        }

        private static long kb(String[] f, Map<String, Integer> col, String name) {
            return (long) Double.parseDouble(f[col.get(name)]);
        }

        private static long count(String[] f, Map<String, Integer> col, String name) {
            Integer i = col.get(name);
            return i == null || f[i].equals("-") ? 0 : Long.parseLong(f[i]);
        }

        /** Waits for one more sample after the export, then stops jstat. */
        Sample stop() throws InterruptedException {
            Thread.sleep(2L * SAMPLE_MS);
            close();
            reader.join(5_000);
            synchronized (this) {
                return new Sample(samples, startUsed, maxUsed, maxCommitted, lastCounts[0] - firstCounts[0],
                        lastCounts[1] - firstCounts[1], lastCounts[2] - firstCounts[2]);
            }
        }

        @Override
        public void close() {
            jstat.destroy();
        }
    }
}

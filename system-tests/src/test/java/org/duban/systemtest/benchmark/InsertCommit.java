package org.duban.systemtest.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bare cost of a write on the suite's PostgreSQL (the same server, fsync on): INSERT of one row,
 * and of 60 rows in one JDBC batch (rewritten by the driver into one multi-row INSERT), each followed by
 * COMMIT, timed from the first statement to the commit's return. The rows have the shape of an inbox
 * notification (uuid key, a unique key on (event, unit), texts, a timestamp), in a database of their own.
 */
final class InsertCommit {

    record Result(Latencies singleRow, Latencies sixtyRows) {
    }

    static final int WARMUP = 50;
    static final int RUNS = 500;

    static Result measure(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", user, password)) {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS bench_row (
                            id UUID PRIMARY KEY, unit_code TEXT NOT NULL, event_id TEXT NOT NULL, title TEXT NOT NULL,
                            body TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, UNIQUE (event_id, unit_code))""");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench_row (id, unit_code, event_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                return new Result(timed(c, insert, 1), timed(c, insert, 60));
            }
        }
    }

    private static Latencies timed(Connection c, PreparedStatement insert, int rows) throws SQLException {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            String event = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            for (int r = 0; r < rows; r++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "bench-" + r);
                insert.setString(3, event);
                insert.setString(4, "新任务：编制政务公开年度报告");
                insert.setString(5, "珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。");
                insert.setObject(6, OffsetDateTime.now());
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
            if (i >= WARMUP) {
                nanos.add(System.nanoTime() - t0);
            }
        }
        return Latencies.ofNanos(nanos);
    }

    private InsertCommit() {
    }
}

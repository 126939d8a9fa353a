package org.duban.systemtest.benchmark;

import org.duban.infra.EmbeddedPostgresServer;
import org.duban.infra.ServiceProcess.Service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where PostgreSQL's time goes in one phase, by statement (opt-in: {@code -Dduban.postgres.stat-statements=true}
 * makes the harness's PostgreSQL load {@code pg_stat_statements}): the counters are reset before the phase and read
 * after it, for the services' databases, and the statements with the most planning + execution time are reported
 * with their calls per created task. Times are PostgreSQL's own (wall time inside the backend, planning included),
 * not CPU; a diagnosis, not a figure of the issue.
 */
final class PgStatements {

    static final boolean ON = Boolean.getBoolean(EmbeddedPostgresServer.STATEMENT_STATISTICS);
    static final int TOP = 20;

    record Row(String database, long calls, double planMs, double execMs, long rows, String query) {
        double totalMs() {
            return planMs + execMs;
        }
    }

    private PgStatements() {
    }

    /** Installs the extension in each service's database (once) and zeroes the counters. */
    static void reset(Duban d) throws SQLException {
        if (!ON) {
            return;
        }
        for (Service s : Service.values()) {
            try (Connection c = d.db(s); Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        }
        try (Connection c = d.db(Service.TASK); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements of the services' databases since {@link #reset}, the most time first. */
    static List<Row> read(Duban d) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!ON) {
            return rows;
        }
        try (Connection c = d.db(Service.TASK); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT db.datname, s.calls, s.total_plan_time, s.total_exec_time, s.rows, s.query
                     FROM pg_stat_statements s JOIN pg_database db ON db.oid = s.dbid
                     WHERE db.datname LIKE 'duban_%'""")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getString(6)));
            }
        }
        rows.sort(Comparator.comparingDouble(Row::totalMs).reversed());
        return rows;
    }

    /** A Markdown table of {@code rows}: the {@link #TOP} first, then the sum of all, per created task. */
    static String markdown(String phase, List<Row> rows, int tasks) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nPostgreSQL statements in \"" + phase + "\" (pg_stat_statements, " + tasks
                + " tasks created; planning + execution time, the backend's wall time):\n\n"
                + "| database | calls | calls per task | plan ms | exec ms | ms per call | rows per call | statement |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows.subList(0, Math.min(TOP, rows.size()))) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.0f | %.3f | %.1f | `%s` |%n", r.database(), r.calls(),
                    r.calls() / (double) Math.max(1, tasks), r.planMs(), r.execMs(), r.totalMs() / Math.max(1, r.calls()),
                    r.rows() / (double) Math.max(1, r.calls()), oneLine(r.query())));
        }
        long calls = rows.stream().mapToLong(Row::calls).sum();
        double plan = rows.stream().mapToDouble(Row::planMs).sum();
        double exec = rows.stream().mapToDouble(Row::execMs).sum();
        b.append(String.format(Locale.ROOT, "| all %d statements | %d | %.2f | %.0f | %.0f | %.3f | | per task: %.2f ms |%n",
                rows.size(), calls, calls / (double) Math.max(1, tasks), plan, exec, (plan + exec) / Math.max(1, calls),
                (plan + exec) / Math.max(1, tasks)));
        return b.toString();
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").strip();
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }
}

package org.duban.systemtest.benchmark;

import org.duban.infra.EmbeddedPostgresServer;
import org.duban.infra.ServiceProcess.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    /** Also {@code -Dduban.postgres.auto-explain=true}: plans of the load before the phase go to the server's log. */
    static final boolean EXPLAIN = ON && Boolean.getBoolean(EmbeddedPostgresServer.AUTO_EXPLAIN);

    record Row(String database, long calls, double planMs, double execMs, long rows, long blocks, long walBytes, String query) {
        double totalMs() {
            return planMs + execMs;
        }
    }

    private PgStatements() {
    }

    /**
     * Turns {@code auto_explain}'s sampled plans (ANALYZE, BUFFERS, WAL, triggers: the server's log, {@code
     * <data dir>.log}) on or off, for the load before the measured phase: the same statements, not counted.
     */
    static void explain(Duban d, boolean on) throws SQLException {
        if (!EXPLAIN) {
            return;
        }
        try (Connection c = d.db(Service.TASK); Statement st = c.createStatement()) {
            st.execute(on ? "ALTER SYSTEM SET auto_explain.log_min_duration = 0" : "ALTER SYSTEM RESET auto_explain.log_min_duration");
            st.execute("SELECT pg_reload_conf()");
            if (!on) {
                // the server's log (EmbeddedPostgresServer: next to the data directory) outlives the run's temporary one here
                try (ResultSet rs = st.executeQuery("SHOW data_directory")) {
                    rs.next();
                    Path log = Path.of(rs.getString(1) + ".log");
                    Files.copy(log, Path.of("target", "postgres-auto-explain.log"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Installs the extension in each service's database (once) and zeroes the counters. */
    static void reset(Duban d) throws SQLException {
        if (!ON) {
            return;
        }
        explain(d, false);
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
                     SELECT db.datname, s.calls, s.total_plan_time, s.total_exec_time, s.rows,
                            s.shared_blks_hit + s.shared_blks_read, s.wal_bytes, s.query
                     FROM pg_stat_statements s JOIN pg_database db ON db.oid = s.dbid
                     WHERE db.datname LIKE 'duban_%'""")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getString(8)));
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
                + "| database | calls | calls per task | plan ms | exec ms | ms per call | rows per call | buffers per call "
                + "| WAL bytes per task | statement |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows.subList(0, Math.min(TOP, rows.size()))) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.0f | %.3f | %.1f | %.1f | %.0f | `%s` |%n", r.database(),
                    r.calls(), r.calls() / (double) Math.max(1, tasks), r.planMs(), r.execMs(), r.totalMs() / Math.max(1, r.calls()),
                    r.rows() / (double) Math.max(1, r.calls()), r.blocks() / (double) Math.max(1, r.calls()),
                    r.walBytes() / (double) Math.max(1, tasks), oneLine(r.query())));
        }
        long calls = rows.stream().mapToLong(Row::calls).sum();
        double plan = rows.stream().mapToDouble(Row::planMs).sum();
        double exec = rows.stream().mapToDouble(Row::execMs).sum();
        long blocks = rows.stream().mapToLong(Row::blocks).sum();
        long wal = rows.stream().mapToLong(Row::walBytes).sum();
        b.append(String.format(Locale.ROOT, "| all %d statements | %d | %.2f | %.0f | %.0f | %.3f | | %.1f per task | %.0f | per task: %.2f ms |%n",
                rows.size(), calls, calls / (double) Math.max(1, tasks), plan, exec, (plan + exec) / Math.max(1, calls),
                blocks / (double) Math.max(1, tasks), wal / (double) Math.max(1, tasks), (plan + exec) / Math.max(1, tasks)));
        return b.toString();
    }

    /**
     * The cumulative statistics PostgreSQL keeps besides the statements' (WAL, commits, rows written per table, scans
     * per index), read before and after a phase so that its {@link #counters table} shows them per created task.
     * Keys are "wal.…", "server.…", "db.<database>.…", "table.<database>.<table>.…" and "index.<database>.<table>.<index>".
     */
    static Map<String, Long> counters(Duban d) throws SQLException {
        Map<String, Long> c = new TreeMap<>();
        if (!ON) {
            return c;
        }
        for (Service s : Service.values()) {
            try (Connection con = d.db(s); Statement st = con.createStatement()) {
                if (s == Service.TASK) {
                    try (ResultSet rs = st.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
                        rs.next();
                        c.put("wal.records", rs.getLong(1));
                        c.put("wal.full page images", rs.getLong(2));
                        c.put("wal.bytes", rs.getLong(3));
                    }
                    // the server's multixact counter, as an age from this database's oldest (row locks shared by
                    // concurrent transactions, e.g. foreign key checks of one parent row); unchanged unless vacuum runs
                    try (ResultSet rs = st.executeQuery("""
                            SELECT mxid_age(datminmxid) FROM pg_database WHERE datname = current_database()""")) {
                        rs.next();
                        c.put("server.multixacts created", rs.getLong(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("""
                        SELECT xact_commit, xact_rollback, blks_hit + blks_read FROM pg_stat_database
                        WHERE datname = current_database()""")) {
                    rs.next();
                    c.put("db." + s.database + ".commits", rs.getLong(1));
                    c.put("db." + s.database + ".rollbacks", rs.getLong(2));
                    c.put("db." + s.database + ".buffers", rs.getLong(3));
                }
                try (ResultSet rs = st.executeQuery("""
                        SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del,
                               (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid), autovacuum_count, autoanalyze_count
                        FROM pg_stat_user_tables t WHERE schemaname = 'public'""")) {
                    while (rs.next()) {
                        String t = "table." + s.database + "." + rs.getString(1);
                        c.put(t + ".inserted", rs.getLong(2));
                        c.put(t + ".updated", rs.getLong(3));
                        c.put(t + ".hot", rs.getLong(4));
                        c.put(t + ".deleted", rs.getLong(5));
                        c.put(t + ".indexes", rs.getLong(6));
                        c.put(t + ".autovacuums", rs.getLong(7));
                        c.put(t + ".autoanalyzes", rs.getLong(8));
                    }
                }
                try (ResultSet rs = st.executeQuery("""
                        SELECT relname, indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = 'public'""")) {
                    while (rs.next()) {
                        c.put("index." + s.database + "." + rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        return c;
    }

    /**
     * {@code after - before} per created task: WAL and commits, then each table written in the phase (rows written,
     * index entries its inserts and non-HOT updates added at most: (inserted + updated - HOT) x its indexes, a partial
     * index takes only the rows of its predicate; autovacuum's and autoanalyze's runs in the phase), then its indexes'
     * scans in the phase and since the server started (an index never scanned in the whole run is a question).
     */
    static String counters(String phase, Map<String, Long> before, Map<String, Long> after, int tasks) {
        if (after.isEmpty()) {
            return "";
        }
        double n = Math.max(1, tasks);
        StringBuilder b = new StringBuilder("\nPostgreSQL's counters in \"" + phase + "\" per created task (" + tasks
                + " tasks; pg_stat_wal, pg_stat_database, pg_stat_user_tables, pg_stat_user_indexes):\n\n| counter | per task |\n|---|---|\n");
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith("wal.") || e.getKey().startsWith("db.") || e.getKey().startsWith("server.")) {
                b.append(String.format(Locale.ROOT, "| %s | %.2f |%n", e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / n));
            }
        }
        Map<String, long[]> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("table.") && k.endsWith(".inserted")) {
                String t = k.substring("table.".length(), k.length() - ".inserted".length());
                long[] v = new long[7];
                String[] f = {"inserted", "updated", "hot", "deleted", "indexes", "autovacuums", "autoanalyzes"};
                for (int i = 0; i < f.length; i++) {
                    String key = "table." + t + "." + f[i];
                    v[i] = after.getOrDefault(key, 0L) - (f[i].equals("indexes") ? 0 : before.getOrDefault(key, 0L));
                }
                if (v[0] + v[1] + v[3] > 0) {
                    tables.put(t, v);
                }
            }
        }
        b.append("\n| table | inserted | updated | of which HOT | deleted | indexes | index entries added (at most) "
                + "| autovacuums, autoanalyzes in the phase |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, long[]> e : tables.entrySet()) {
            long[] v = e.getValue();
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %d | %.2f | %d, %d |%n", e.getKey(), v[0] / n,
                    v[1] / n, v[2] / n, v[3] / n, v[4], (v[0] + v[1] - v[2]) * v[4] / n, v[5], v[6]));
        }
        b.append("\n| index of a table written in the phase | scans per task in the phase | scans since the server started |\n|---|---|---|\n");
        for (Map.Entry<String, Long> e : after.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("index.")) {
                continue;
            }
            String rest = k.substring("index.".length());
            String table = tables.keySet().stream().filter(t -> rest.startsWith(t + ".")).findFirst().orElse(null);
            if (table != null) {
                b.append(String.format(Locale.ROOT, "| %s | %.2f | %d |%n", rest, (e.getValue() - before.getOrDefault(k, 0L)) / n,
                        e.getValue()));
            }
        }
        return b.toString();
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").strip();
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }
}

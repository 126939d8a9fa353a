package org.duban.testsupport.contract;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A digest of every table of the service's schema, to show that refused requests changed
 * nothing: the row count and an md5 over every row's text, per table. Tables that background
 * work may touch while a test runs (e.g. a relay marking outbox rows published) can be compared
 * by row count only, or ignored; Flyway's history is always ignored.
 */
public final class DatabaseFingerprint {

    private final DataSource dataSource;
    private final Set<String> countOnly = new TreeSet<>();
    private final Set<String> ignored = new TreeSet<>(Set.of("flyway_schema_history"));

    public DatabaseFingerprint(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** These tables are compared by row count only (their rows may be updated in the background). */
    public DatabaseFingerprint countOnly(String... tables) {
        for (String t : tables) {
            countOnly.add(t.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** These tables are not compared at all (say why where you call this). */
    public DatabaseFingerprint ignore(String... tables) {
        for (String t : tables) {
            ignored.add(t.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** Table → digest. */
    public Map<String, String> take() {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                if (ignored.contains(t.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String q = countOnly.contains(t.toLowerCase(Locale.ROOT))
                        ? "select count(*)::text from \"" + t + "\""
                        : "select count(*) || ':' || coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') from \"" + t + "\" x";
                try (ResultSet rs = st.executeQuery(q)) {
                    rs.next();
                    digests.put(t, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fingerprint the database", e);
        }
        return digests;
    }

    /** The tables whose digest differs between two fingerprints (empty when nothing changed). */
    public static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new TreeSet<>();
        Set<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String t : all) {
            if (!java.util.Objects.equals(before.get(t), after.get(t))) {
                changed.add(t);
            }
        }
        return changed;
    }
}

package org.duban.task.task;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, while armed, every SQL statement Hibernate prepares (entity writes, JPQL and native
 * queries alike), by JTA transaction. A batched insert is prepared once per JDBC batch, so the count
 * is the number of statements sent, whatever the number of rows. The statements of one request are
 * those of the transaction that ran its marker statement, from its first to its commit (the
 * reminders' before-completion statements included); the relay's and other background transactions
 * are apart. Disarmed it records nothing (one volatile read per statement).
 */
@PersistenceUnitExtension
public class StatementLog implements StatementInspector {

    private static volatile boolean armed;
    private static final Map<Object, List<String>> BY_TRANSACTION = new ConcurrentHashMap<>();

    @Override
    public String inspect(String sql) {
        if (armed) {
            BY_TRANSACTION.computeIfAbsent(transaction(), t -> Collections.synchronizedList(new ArrayList<>())).add(sql);
        }
        return sql;
    }

    private static Object transaction() {
        try {
            Transaction tx = com.arjuna.ats.jta.TransactionManager.transactionManager().getTransaction();
            return tx != null ? tx : "no transaction: " + Thread.currentThread().getName();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void arm() {
        BY_TRANSACTION.clear();
        armed = true;
    }

    /**
     * Stops recording; the statements of the one transaction that ran a statement starting with
     * {@code marker} (lower case, e.g. {@code "insert into task "}), in order.
     */
    public static List<String> disarm(String marker) {
        armed = false;
        List<List<String>> matching = BY_TRANSACTION.values().stream()
                .map(l -> { synchronized (l) { return List.copyOf(l); } })
                .filter(l -> l.stream().anyMatch(s -> s.toLowerCase().startsWith(marker)))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " transactions ran \"" + marker + "\": " + BY_TRANSACTION);
        }
        return matching.get(0);
    }

    /** How many of {@code statements} start with {@code prefix} (lower case). */
    public static long count(List<String> statements, String prefix) {
        return statements.stream().filter(s -> s.toLowerCase().strip().startsWith(prefix)).count();
    }
}

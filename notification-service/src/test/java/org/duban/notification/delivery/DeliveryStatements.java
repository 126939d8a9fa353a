package org.duban.notification.delivery;

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
 * Records, while armed, every SQL statement Hibernate prepares (entity writes, JPQL and native queries
 * alike), by JTA transaction, so a test can read how many statements each of the delivery worker's
 * transactions ran. Disarmed it records nothing (one volatile read per statement).
 */
@PersistenceUnitExtension
public class DeliveryStatements implements StatementInspector {

    private static volatile boolean armed;
    private static final Map<Object, List<String>> BY_TRANSACTION = new ConcurrentHashMap<>();

    @Override
    public String inspect(String sql) {
        if (armed) {
            BY_TRANSACTION.computeIfAbsent(transaction(), t -> Collections.synchronizedList(new ArrayList<>()))
                    .add(sql.strip().toLowerCase());
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

    static void arm() {
        BY_TRANSACTION.clear();
        armed = true;
    }

    /** Stops recording; the statements of each transaction, lower case, in order. */
    static List<List<String>> disarm() {
        armed = false;
        return BY_TRANSACTION.values().stream().map(l -> {
            synchronized (l) {
                return List.copyOf(l);
            }
        }).toList();
    }
}

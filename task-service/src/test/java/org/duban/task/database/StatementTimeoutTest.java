package org.duban.task.database;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every connection of the service carries PostgreSQL's statement_timeout, so no query runs unbounded. */
@QuarkusTest
class StatementTimeoutTest {

    @Inject
    EntityManager em;

    @Test
    void everyConnectionOfThePoolHasTheConfiguredStatementTimeout() {
        String timeout = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("SHOW statement_timeout").getSingleResult());
        assertEquals("30s", timeout);
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledAndRecognisedAsSuch() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SET LOCAL statement_timeout = '100ms'").executeUpdate();
            em.createNativeQuery("SELECT pg_sleep(5)").getSingleResult();
        }));
        assertTrue(org.duban.common.problem.ProblemMappers.statementTimedOut(e), "query_canceled (57014) in " + e);
    }
}

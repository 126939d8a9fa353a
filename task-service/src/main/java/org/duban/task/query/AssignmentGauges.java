package org.duban.task.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.task.Assignment;
import org.duban.task.task.Lifecycle;
import org.duban.task.task.Lights;
import org.duban.task.task.StatusLight;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assignments by state and light (红黄绿灯) as gauges (issue 15): counted by one grouped query every
 * {@code duban.metrics.assignments-refresh} (30 s) into cached values, never per scrape. Closed
 * assignments have no light: {@code light="NONE"}.
 */
@ApplicationScoped
public class AssignmentGauges {

    /** Tags {@code state} (Assignment.State), {@code light} (GREEN, YELLOW, RED, NONE) → {@code duban_assignments}. */
    static final String ASSIGNMENTS = "duban.assignments";
    static final String NO_LIGHT = "NONE";

    private static final Logger LOG = Logger.getLogger(AssignmentGauges.class);

    @Inject
    EntityManager em;

    @Inject
    Lights lights;

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Every state × light an assignment can be in, at 0, so a series never appears or vanishes with the data. */
    void register(@Observes StartupEvent event) {
        for (Assignment.State state : Assignment.State.values()) {
            if (Lifecycle.isClosed(state)) {
                gauge(state.name(), NO_LIGHT);
            } else {
                for (StatusLight light : StatusLight.values()) {
                    gauge(state.name(), light.name());
                }
            }
        }
    }

    private AtomicLong gauge(String state, String light) {
        return counts.computeIfAbsent(state + "/" + light, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(ASSIGNMENTS, value, AtomicLong::get)
                    .description("Assignments by state and light (refreshed every duban.metrics.assignments-refresh)")
                    .tag("state", state).tag("light", light).register(registry);
            return value;
        });
    }

    @Scheduled(every = "${duban.metrics.assignments-refresh:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database is away: the gauges keep their last values
            LOG.debugf("assignment gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Counts the assignments now, by state and light (the lists' light, LightSql, as of today). */
    public void refresh() {
        Map<String, Long> now = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Number> warn = em.createNativeQuery("SELECT DISTINCT warn_days FROM assignment").getResultList();
            if (warn.isEmpty()) {
                return; // no assignment at all (and LightSql needs one warning window)
            }
            String rank = LightSql.rank(lights.today(), warn.stream().map(Number::intValue).toList(), lights.days());
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT a.state, " + rank + " AS light, count(*) FROM assignment a"
                    + " GROUP BY 1, 2").getResultList();
            for (Object[] r : rows) {
                String light = r[1] == null ? NO_LIGHT : StatusLight.values()[((Number) r[1]).intValue() - 1].name();
                now.merge(r[0] + "/" + light, ((Number) r[2]).longValue(), Long::sum);
            }
        });
        counts.forEach((key, value) -> value.set(now.getOrDefault(key, 0L)));
        now.forEach((key, n) -> {
            if (!counts.containsKey(key)) { // not expected: a state or light the start did not know
                String[] k = key.split("/", 2);
                gauge(k[0], k[1]).set(n);
            }
        });
    }
}

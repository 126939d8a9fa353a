package org.duban.notification.calendar;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.calendar.CalendarCoverage;
import org.duban.common.messaging.Topics;
import org.duban.notification.NotificationConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Readiness, always UP (issue 18): a replica without the current year (from 1 December also the next)
 * is counted on the plain week, so a digest could go out on 国庆 — an operator's task (is task-service
 * running, does its calendar cover the year?), not a reason to stop telling units. Health has no WARN
 * status, so the check carries {@code warning} in its data, and the same warning is logged once a day
 * while it lasts. Reads the in-memory replica: no query per probe.
 */
@Readiness
@ApplicationScoped
public class CalendarReplicaCheck implements HealthCheck {

    static final String NAME = "Working-day calendar replica";
    private static final Logger LOG = Logger.getLogger(CalendarReplicaCheck.class);

    @Inject
    CalendarReplica replica;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    private volatile LocalDate loggedOn;

    @Override
    public HealthCheckResponse call() {
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        SortedSet<Integer> covered = replica.coveredYears();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).up()
                .withData("today", today.toString())
                .withData("coveredYears", covered.isEmpty() ? "none" : covered.toString());
        warning(covered, today).ifPresent(w -> b.withData("warning", w));
        return b.build();
    }

    /** What an operator must look at, or empty when the replica covers what it must on {@code today}. Pure. */
    static Optional<String> warning(Set<Integer> coveredYears, LocalDate today) {
        List<Integer> missing = CalendarCoverage.missingYears(coveredYears, today);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the calendar replica has no holidays for " + CalendarCoverage.names(missing)
                + ": digests and working-day counts there follow the plain week (Monday to Friday); task-service"
                + " publishes its calendar on " + Topics.CALENDAR + " — check that it runs and that its calendar"
                + " covers the year (GET /api/v1/calendar/{year} on task-service)");
    }

    /** Hourly; logs the warning at most once per calendar day (and once after each start). */
    @Scheduled(every = "1h", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void logDaily() {
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        if (today.equals(loggedOn)) {
            return;
        }
        Optional<String> w = warning(replica.coveredYears(), today);
        if (w.isPresent()) {
            LOG.warn(w.get());
            loggedOn = today;
        }
    }
}

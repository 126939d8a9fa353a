package org.duban.task.calendar;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Readiness, always UP (issue 15): a calendar without the current or (from 1 December) the next
 * year's holidays is an operator's task, not a reason to stop serving; health has no WARN status, so
 * the check carries {@code warning} in its data ({@link CalendarCoverage}), and the same warning is
 * logged once a day while it lasts. Reads the in-memory calendar: no query per probe.
 */
@Readiness
@ApplicationScoped
public class CalendarCoverageCheck implements HealthCheck {

    static final String NAME = "Working-day calendar";
    private static final Logger LOG = Logger.getLogger(CalendarCoverageCheck.class);

    @Inject
    CalendarService calendar;

    @Inject
    Clock clock;

    private volatile LocalDate loggedOn;

    @Override
    public HealthCheckResponse call() {
        LocalDate today = LocalDate.now(clock);
        SortedSet<Integer> years = calendar.calendar().yearsWithHolidays();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).up()
                .withData("today", today.toString())
                .withData("coveredYears", years.isEmpty() ? "none" : years.first() + ".." + years.last()
                        + (years.size() == years.last() - years.first() + 1 ? "" : " (with gaps: " + years + ")"));
        CalendarCoverage.warning(years, today).ifPresent(w -> b.withData("warning", w));
        return b.build();
    }

    /** Hourly; logs the warning at most once per calendar day (and once after each start). */
    @Scheduled(every = "1h", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void logDaily() {
        LocalDate today = LocalDate.now(clock);
        if (today.equals(loggedOn)) {
            return;
        }
        Optional<String> w = CalendarCoverage.warning(calendar.calendar().yearsWithHolidays(), today);
        if (w.isPresent()) {
            LOG.warn(w.get());
            loggedOn = today;
        }
    }
}

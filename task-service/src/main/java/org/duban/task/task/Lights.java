package org.duban.task.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.time.ClockProducer;

import java.time.Clock;
import java.time.LocalDate;

/** Computes {@link StatusLight}s on today's date and the working-day calendar. */
@ApplicationScoped
public class Lights {

    @Inject
    Clock clock;

    /** The working-day calendar (CalendarService): holidays and 调休 count, as for reminders and deadlines. */
    @Inject
    WorkingDays calendar;

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ClockProducer.ZONE));
    }

    public WorkingDays days() {
        return calendar;
    }

    public StatusLight of(Assignment a) {
        return StatusLight.of(a.state, a.createdAt.atZoneSameInstant(ClockProducer.ZONE).toLocalDate(), a.deadline,
                a.warnDays, a.progressPercent, today(), days());
    }

    /** The light with the assignment's periodic reports counted ({@code reports} null: no reporting cycle). */
    public StatusLight of(Assignment a, ReportStanding reports) {
        return StatusLight.withReports(of(a), a.state, reports, a.warnDays, today(), days());
    }
}

package org.duban.task.task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.duban.task.calendar.WorkingDays;
import org.duban.task.time.ClockProducer;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;

/** Computes {@link StatusLight}s on today's date and the working-day calendar. */
@ApplicationScoped
public class Lights {

    @Inject
    Clock clock;

    @Inject
    Instance<WorkingDays> calendar;

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ClockProducer.ZONE));
    }

    public WorkingDays days() {
        // the calendar bean is the truth; plain weekdays only if no calendar is deployed
        return calendar.isResolvable() ? calendar.get() : WEEKDAYS;
    }

    public StatusLight of(Assignment a) {
        return StatusLight.of(a.state, a.createdAt.atZoneSameInstant(ClockProducer.ZONE).toLocalDate(), a.deadline,
                a.warnDays, a.progressPercent, today(), days());
    }

    /** Monday to Friday, no holidays. */
    static final WorkingDays WEEKDAYS = new WorkingDays() {
        @Override
        public boolean isWorkingDay(LocalDate date) {
            return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        @Override
        public int workingDaysBetween(LocalDate from, LocalDate to) {
            int sign = 1;
            if (to.isBefore(from)) {
                LocalDate t = from;
                from = to;
                to = t;
                sign = -1;
            }
            int n = 0;
            for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                if (isWorkingDay(d)) {
                    n++;
                }
            }
            return sign * n;
        }

        @Override
        public LocalDate addWorkingDays(LocalDate date, int n) {
            int step = n >= 0 ? 1 : -1;
            LocalDate d = date;
            for (int left = Math.abs(n); left > 0; ) {
                d = d.plusDays(step);
                if (isWorkingDay(d)) {
                    left--;
                }
            }
            return d;
        }
    };
}

package org.duban.task.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalTime;

/** {@code duban.reminders.*}: when reminders are due and how the scheduler runs. */
@ConfigMapping(prefix = "duban.reminders")
public interface ReminderConfig {

    /** Whether this replica runs scheduler passes (any number of replicas may). */
    @WithDefault("true")
    boolean enabled();

    /** How often a replica runs passes (read by ReminderScheduler's @Scheduled). */
    @WithDefault("5s")
    String every();

    /** Asia/Shanghai time of day at which a working day's reminders are due. */
    @WithDefault("09:00")
    LocalTime timeOfDay();

    /** At most this many reminders per pass (one transaction); a full pass is followed by another. */
    @WithDefault("1000")
    int batchSize();
}

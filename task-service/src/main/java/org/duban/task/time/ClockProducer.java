package org.duban.task.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The one clock of task-service: Asia/Shanghai, where deadlines live. Inject {@link Clock} and
 * never call {@code now()} without it, so tests can move time (a test alternative replaces it).
 */
@ApplicationScoped
public class ClockProducer {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @Singleton // not a client proxy: java.time.Clock cannot be proxied
    Clock clock() {
        return Clock.system(ZONE);
    }
}

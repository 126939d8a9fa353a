package org.duban.task.time;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The test clock: replaces {@link ClockProducer}'s clock in every @QuarkusTest of this module.
 * It follows the system clock until a test fixes it; tests move it with {@link #set(LocalDateTime)}
 * (Asia/Shanghai wall time) and must call {@link #reset()} afterwards (e.g. in @AfterEach) so
 * other tests see real time again.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private volatile Instant fixed;

    public void set(LocalDateTime shanghai) {
        fixed = shanghai.atZone(ClockProducer.ZONE).toInstant();
    }

    public void set(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ClockProducer.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}

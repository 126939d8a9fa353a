package org.duban.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Readiness DOWN when the deliveries are stuck: more due and unclaimed than
 * {@code duban.health.delivery-backlog-max}, or the oldest due one waiting longer than
 * {@code duban.health.delivery-age-max}. It reads the figures {@link DeliveryMetrics} last read
 * (every 15 s), so a probe never queries. Readiness, not liveness: a restart sends nothing faster
 * (the rows are in the database, another worker takes them); DOWN tells the orchestrator and the
 * operator that this replica's alerts are not flowing. Before the first read, or while the database
 * cannot be read, it is UP: the datasource's own check covers that.
 */
@Readiness
@ApplicationScoped
public class DeliveryBacklogCheck implements HealthCheck {

    static final String NAME = "Deliveries: backlog";

    @ConfigProperty(name = "duban.health.delivery-backlog-max", defaultValue = "10000")
    long backlogMax;

    @ConfigProperty(name = "duban.health.delivery-age-max", defaultValue = "15m")
    Duration ageMax;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        return evaluate(metrics.backlog(), metrics.lastReadError(), backlogMax, ageMax, clock.instant());
    }

    /** The verdict on {@code b} (null: not read yet) against the two limits, at {@code now}. */
    static HealthCheckResponse evaluate(DeliveryMetrics.Backlog b, String readError, long backlogMax, Duration ageMax,
                                        Instant now) {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(NAME).up()
                .withData("backlogMax", backlogMax)
                .withData("ageMaxSeconds", ageMax.toSeconds());
        if (readError != null) {
            r.withData("lastReadError", readError);
        }
        if (b == null) {
            return r.withData("backlog", "not read yet").build();
        }
        Duration age = b.oldestAge(now);
        r.withData("backlog", b.due())
                .withData("oldestDueAgeSeconds", age.toSeconds())
                .withData("dead", b.dead())
                .withData("readAt", b.readAt().toString());
        if (b.due() > backlogMax) {
            r.down().withData("reason", "more than " + backlogMax + " deliveries are due and not sent");
        } else if (age.compareTo(ageMax) > 0) {
            r.down().withData("reason", "the oldest due delivery has waited longer than " + ageMax.toSeconds() + " s");
        }
        return r.build();
    }
}

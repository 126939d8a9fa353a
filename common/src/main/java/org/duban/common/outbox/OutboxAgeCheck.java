package org.duban.common.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Readiness (issue 15): DOWN while the oldest event still unpublished is older than
 * {@code duban.health.outbox-age-max} (10 min): the service accepts changes whose events nobody
 * receives (Kafka away or refusing, the relay stuck). Read from {@link OutboxState}'s cached reading
 * (every 10 s), never a query per probe. Readiness, not liveness: a restart does not bring a broker
 * back, and the rows are sent as soon as it is (all replicas share the outbox, so all of them report
 * the same). UP before the first reading, and with the last reading while the database is away (the
 * datasource check reports that).
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = Outbox.ENABLED, stringValue = "true")
public class OutboxAgeCheck implements HealthCheck {

    static final String NAME = "Outbox: oldest unpublished event";

    @Inject
    OutboxState state;

    @ConfigProperty(name = "duban.health.outbox-age-max", defaultValue = "10m")
    Duration max;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).up()
                .withData("maxAgeSeconds", max.toSeconds());
        state.last().ifPresentOrElse(r -> {
            b.withData("backlog", r.backlog())
                    .withData("oldestAgeSeconds", r.oldestAge().toSeconds())
                    .withData("readAt", r.readAt().toString());
            if (r.oldestAge().compareTo(max) > 0) {
                b.down().withData("reason", "events older than " + max.toSeconds()
                        + " s are not published: is Kafka reachable? see the relay's log (OutboxRelay)");
            }
        }, () -> b.withData("backlog", "not read yet"));
        if (state.lastError() != null) {
            b.withData("lastReadError", state.lastError());
        }
        return b.build();
    }
}

package org.duban.notification.parking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.consuming.InPlaceRetry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the consumers carry, in /q/health/ready: the number of parked records and whether a record
 * is waiting for the database. Always UP: a parked record is an operator's task, not a reason to take
 * the service out of rotation (it goes on applying every other record); a database outage shows in
 * the datasource's own check, which recovers by itself.
 */
@Readiness
@ApplicationScoped
public class ParkedEventsCheck implements HealthCheck {

    @Inject
    ParkedEvents parked;

    @Inject
    Consumption consumption;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("Consumers: parked events").up();
        try {
            b.withData("parked", parked.countParked());
        } catch (RuntimeException e) {
            b.withData("parked", "unknown (" + InPlaceRetry.describe(e) + ")");
        }
        InPlaceRetry.State s = consumption.state();
        if (s.retryingSince() != null) {
            b.withData("waitingForDatabaseSince", s.retryingSince().toString());
            b.withData("lastTransientError", String.valueOf(s.lastTransientError()));
        }
        return b.build();
    }
}

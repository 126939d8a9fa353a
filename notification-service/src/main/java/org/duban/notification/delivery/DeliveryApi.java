package org.duban.notification.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class DeliveryApi {
    private DeliveryApi() {
    }

    @Schema(name = "DeliveryAttempt")
    public record Attempt(int attempt,
                          @Schema(description = "When the call started") OffsetDateTime attemptedAt,
                          @Schema(description = "IN_FLIGHT (the call is running), SUCCEEDED, FAILED, or INTERRUPTED: the call was cut off "
                                  + "(the process stopped mid-call) and its result is unknown; the delivery was sent again", examples = "FAILED") String outcome,
                          @Schema(description = "Absent while in flight and for an interrupted attempt") Long durationMs,
                          @Schema(description = "HTTP status (webhook) or 250 (SMTP accepted); absent when no answer", examples = "503") Integer statusCode,
                          @Schema(examples = "HTTP 503: 服务暂不可用") String error,
                          @Schema(description = "The receiver's Retry-After, in seconds") Long retryAfterSeconds) {
    }

    @Schema(name = "Delivery", description = "One external send of a notification and its attempts")
    public record View(
            @Schema(description = "Also the webhook-id / Message-ID, the same on every attempt") UUID id,
            UUID notificationId, String eventId, String eventType, String unitCode,
            @Schema(description = "webhook, email or digest", examples = "webhook") String channel,
            @Schema(description = "The endpoint id, the e-mail address, or - for a digest item") String target,
            @Schema(description = "PENDING, SUCCEEDED, DEAD, QUEUED, DIGESTED, CANCELLED", examples = "SUCCEEDED") String status,
            int attempts, OffsetDateTime nextAttemptAt, Integer lastStatusCode, String lastError,
            OffsetDateTime createdAt, OffsetDateTime finishedAt, List<Attempt> history) {
        static View of(Delivery d, List<DeliveryAttempt> attempts) {
            return new View(d.id, d.notificationId, d.eventId, d.eventType, d.unitCode, d.channel, d.target, d.status,
                    d.attempts, d.nextAttemptAt, d.lastStatusCode, d.lastError, d.createdAt, d.finishedAt,
                    attempts.stream().map(a -> new Attempt(a.attempt, a.attemptedAt, a.outcome, a.durationMs, a.statusCode,
                            a.error, a.retryAfterSeconds)).toList());
        }
    }

    @Schema(name = "DeliveryList")
    public record DeliveryList(List<View> items) {
    }

    @Schema(name = "DeadLetterPage", description = "Dead letters, newest first")
    public record DeadLetterPage(List<View> items, String nextCursor) {
    }
}

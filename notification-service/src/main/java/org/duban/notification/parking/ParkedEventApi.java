package org.duban.notification.parking;

import org.duban.common.consuming.Poison;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class ParkedEventApi {
    private ParkedEventApi() {
    }

    @Schema(name = "ParkedEvent", description = "A record a consumer could not apply, kept whole; its partition moved on")
    public record View(
            UUID id,
            @Schema(description = "The consumer that parked it", examples = "notification-inbox") String consumer,
            @Schema(examples = "duban.task-events") String topic,
            int partition,
            long offset,
            @Schema(description = "The record's key (the task id on duban.task-events)") String key,
            @Schema(description = "The CloudEvent id (ce_id): re-driving applies it at most once") String eventId,
            @Schema(examples = "task.assigned") String eventType,
            @Schema(description = "The unit the event is about, if it names one", examples = "sfj") String unitCode,
            @Schema(description = "Every header of the record (ce_id, ce_type, ce_source …)") Map<String, String> headers,
            @Schema(description = "The record's value as text (UTF-8)") String value,
            @Schema(description = "unknown-unit, control-character, date-out-of-range, unreadable, invalid, data-error or failed",
                    examples = "unknown-unit") String reason,
            @Schema(examples = "org.duban.common.consuming.Poison") String errorClass,
            @Schema(examples = "unit qqj is not in the unit replica (duban.units)") String errorMessage,
            @Schema(description = "Failed attempts, re-drives included") int attempts,
            OffsetDateTime firstFailedAt,
            OffsetDateTime lastFailedAt,
            @Schema(description = "PARKED, REDRIVEN (applied) or DISCARDED", examples = "PARKED") String status,
            OffsetDateTime resolvedAt,
            @Schema(description = "Who re-drove or discarded it (the token's subject), or auto: … for an automatic re-drive")
            String resolvedBy) {

        static View of(ParkedEvent p, Map<String, String> headers) {
            return new View(p.id, p.consumer, p.topic, p.partition, p.offset, p.key, p.eventId, p.eventType, p.unitCode,
                    headers, p.value == null ? null : new String(p.value, StandardCharsets.UTF_8), p.reason, p.errorClass,
                    p.errorMessage, p.attempts, p.firstFailedAt, p.lastFailedAt, p.status, p.resolvedAt, p.resolvedBy);
        }
    }

    @Schema(name = "ParkedEventPage", description = "Parked events, most recently parked first")
    public record Page(List<View> items, String nextCursor) {
    }
}

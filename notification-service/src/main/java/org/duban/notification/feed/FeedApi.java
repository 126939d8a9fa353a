package org.duban.notification.feed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The API bodies of the pull feed. */
public final class FeedApi {
    private FeedApi() {
    }

    @Schema(name = "FeedItem", description = "A notification of one of the units the token may read, as in that unit's inbox, with its unit and its position in the feed")
    public record FeedItem(
            @Schema(description = "The position after this item: pass it as after to continue from here") String cursor,
            @Schema(description = "The unit told", examples = "sfj") String unitCode,
            UUID id,
            @Schema(description = "ce_id of the event that caused it") String eventId,
            @Schema(description = "Event type", examples = "task.assigned") String type,
            UUID taskId,
            UUID assignmentId,
            @Schema(examples = "新任务：编制政务公开年度报告") String title,
            @Schema(examples = "珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。") String body,
            LocalDate deadline,
            OffsetDateTime createdAt,
            boolean read,
            @Schema(description = "Why this unit is told: ASSIGNEE, SUPERVISOR or ESCALATION", examples = "ASSIGNEE") String reason,
            @Schema(description = "The plan's document number, when known", examples = "珠府办〔2020〕9号") String documentNumber,
            @Schema(examples = "珠海市人民政府办公室") String leadUnitName,
            @Schema(examples = "http://localhost:8080/tasks/6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e") String link) {
    }

    @Schema(name = "FeedPage", description = "The next notifications of the feed, oldest first; pass nextCursor as after for the next request")
    public record FeedPage(List<FeedItem> items,
                           @Schema(description = "Where the next request continues (never null: the same cursor again when items is empty)")
                           String nextCursor) {
    }
}

package org.duban.notification.inbox;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The API bodies of the inbox, and their one mapping from the entity. */
public final class InboxApi {
    private InboxApi() {
    }

    @Schema(name = "Notification")
    public record NotificationView(
            UUID id,
            @Schema(description = "ce_id of the event that caused it") String eventId,
            @Schema(description = "Event type", examples = "task.assigned") String type,
            UUID taskId,
            UUID assignmentId,
            @Schema(examples = "新任务：编制政务公开年度报告") String title,
            @Schema(examples = "珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。") String body,
            LocalDate deadline,
            OffsetDateTime createdAt,
            boolean read) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.eventId, n.eventType, n.taskId, n.assignmentId, n.title, n.body,
                    n.deadline, n.createdAt, n.readAt != null);
        }
    }

    @Schema(name = "NotificationPage", description = "A page of a unit's inbox, newest first; pass nextCursor as cursor for the next one")
    public record NotificationPage(List<NotificationView> items, String nextCursor,
                                   @Schema(description = "Unread notifications in the whole inbox") long unreadCount) {
    }
}

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
            boolean read,
            @Schema(description = "Why this unit is told: ASSIGNEE, SUPERVISOR or ESCALATION", examples = "ASSIGNEE") String reason,
            @Schema(description = "The plan's document number, when known", examples = "珠府办〔2020〕9号") String documentNumber,
            @Schema(examples = "珠海市人民政府办公室") String leadUnitName,
            @Schema(examples = "http://localhost:8080/tasks/6f1c0e1a-0c4e-4a57-9a43-1b8f3f1f8d7e") String link) {
        public static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.eventId, n.eventType, n.taskId, n.assignmentId, n.title, n.body,
                    n.deadline, n.createdAt, n.readAt != null, n.reason, n.documentNumber, n.leadUnitName, n.link);
        }
    }

    @Schema(name = "MarkedRead")
    public record MarkedRead(@Schema(description = "How many notifications were unread and are now read") int marked,
                             long unreadCount) {
    }

    @Schema(name = "NotificationPage", description = "A page of a unit's inbox, newest first; pass nextCursor as cursor for the next one")
    public record NotificationPage(List<NotificationView> items, String nextCursor,
                                   @Schema(description = "Unread notifications in the whole inbox") long unreadCount) {
    }
}

package org.duban.events.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code plan.published}: a draft plan went live. Key and subject: the plan id (not a task id); its tasks'
 * {@code task.assigned} events are written in the same transaction.
 *
 * @param openTaskCount tasks that also name an open group (市直有关单位 …) and wait for claims or designations
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanPublished(UUID planId, String documentNumber, String title, int year, int taskCount,
                            int assignmentCount, int openTaskCount, String actor, OffsetDateTime publishedAt) {
}

package org.duban.common.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One unpublished row of {@code outbox_event}, as the relay reads it. */
record OutboxRow(long seq, UUID id, String topic, String key, String type, String source, String subject,
                 OffsetDateTime occurredAt, String payload, String traceparent, String tracestate) {
}

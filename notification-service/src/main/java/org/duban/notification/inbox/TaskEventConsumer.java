package org.duban.notification.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.messaging.ProcessedEvents;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns the events of duban.task-events into notifications, exactly once per event: the event id
 * is logged in processed_event in the same transaction as the notification it causes.
 * A record that cannot be read is logged and skipped, so one bad record never stops the inbox.
 */
@ApplicationScoped
public class TaskEventConsumer {

    static final String CONSUMER = "notification-inbox";
    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    InboxService inbox;

    @Inject
    ObjectMapper json;

    @Incoming("task-events")
    @Blocking
    @Transactional
    public void onEvent(ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(record);
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping %s-%d@%d: not a CloudEvent (ce_id/ce_type missing)",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        // read the data before touching the database, so a bad record leaves no trace
        TaskAssigned assigned = null;
        if (TaskAssigned.TYPE.equals(event.type())) {
            assigned = read(record, event);
            if (assigned == null) {
                return;
            }
        }
        if (!processedEvents.firstTime(CONSUMER, event.id())) {
            LOG.debugf("event %s (%s) already processed", event.id(), event.type());
            return;
        }
        if (assigned != null) {
            inbox.deliverTaskAssigned(event, assigned);
        }
        // other types: recorded as processed, no notification (yet)
    }

    private TaskAssigned read(ConsumerRecord<String, String> record, IncomingEvent event) {
        if (event.data() == null) {
            LOG.warnf("skipping %s-%d@%d: %s event %s has no data",
                    record.topic(), record.partition(), record.offset(), event.type(), event.id());
            return null;
        }
        try {
            TaskAssigned a = json.readValue(event.data(), TaskAssigned.class);
            String missing = a == null ? "data" : a.missingField();
            if (missing != null) {
                LOG.warnf("skipping %s-%d@%d: %s event %s lacks %s",
                        record.topic(), record.partition(), record.offset(), event.type(), event.id(), missing);
                return null;
            }
            return a;
        } catch (JsonProcessingException e) {
            LOG.warnf("skipping %s-%d@%d: %s event %s has unreadable data: %s",
                    record.topic(), record.partition(), record.offset(), event.type(), event.id(),
                    e.getOriginalMessage());
            return null;
        }
    }
}

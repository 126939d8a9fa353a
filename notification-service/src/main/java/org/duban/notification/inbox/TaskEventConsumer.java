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
 * is logged in processed_event in the same transaction as the notifications and delivery rows it
 * causes ({@link Dispatcher}).
 * A record that cannot be read is logged and skipped, so one bad record never stops the inbox.
 */
@ApplicationScoped
public class TaskEventConsumer {

    static final String CONSUMER = "notification-inbox";
    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    Dispatcher dispatcher;

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
        TaskEventData data = null;
        if (routed(event.type())) {
            data = read(record, event);
            if (data == null) {
                return;
            }
        }
        if (!processedEvents.firstTime(CONSUMER, event.id())) {
            LOG.debugf("event %s (%s) already processed", event.id(), event.type());
            return;
        }
        if (data != null) {
            dispatcher.dispatch(event, data);
        }
        // other types (plan.published, task.accepted, …): recorded as processed, nobody told
    }

    /** Types some unit is told of (docs/events.md, "Who is told"). */
    static boolean routed(String type) {
        return type != null && type.startsWith("task.") && !type.equals("task.accepted")
                && !type.equals("task.progress-reported") && !type.equals("task.designated");
    }

    private TaskEventData read(ConsumerRecord<String, String> record, IncomingEvent event) {
        if (event.data() == null) {
            LOG.warnf("skipping %s-%d@%d: %s event %s has no data",
                    record.topic(), record.partition(), record.offset(), event.type(), event.id());
            return null;
        }
        try {
            TaskEventData a = json.readValue(event.data(), TaskEventData.class);
            String missing = a == null ? "data" : a.missingField(event.type());
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

package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.duban.common.consuming.ConsumedEvents;
import org.duban.common.messaging.EventLogContext;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.messaging.ProcessedEvents;
import org.duban.common.tracing.StoredTrace;
import org.duban.notification.NotificationConfig;
import org.duban.notification.parking.Consumption;
import org.duban.notification.parking.ParkedEventApplier;
import org.duban.common.consuming.Poison;
import org.duban.notification.routing.Routing;
import org.duban.notification.unit.UnitReplica;
import org.duban.events.task.TaskEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the events of duban.task-events into notifications, exactly once per event: the event id
 * is logged in processed_event in the same transaction as the notifications and delivery rows it
 * causes ({@link Dispatcher}).
 * <p>
 * It never stops (issue 13, {@link Consumption}): while the database is away the record is retried
 * in place until it is back; a record that cannot be applied — not a CloudEvent, data that is not
 * JSON or lacks what its type needs, a control character, a date outside 2000..2100
 * ({@link EventRules}), a unit the replica does not know, data the database refuses — is parked
 * with its reason and acknowledged, so the partition moves on.
 * <p>
 * A unit unknown to the replica may just be late (duban.units is another topic, read by another
 * consumer): the event waits up to {@code duban.notification.consumer.unknown-unit-grace} for it,
 * is then parked as unknown-unit, and is re-driven by itself as soon as the unit's snapshot arrives
 * ({@code UnitReplicaConsumer}) — a record for a unit that never exists stays parked, and never
 * creates an inbox nobody owns.
 * <p>
 * Records come in batches, as one poll returned them (issue 16: {@code batch=true}, at most
 * {@code max.poll.records}): the batch is applied in ONE transaction with set-based statements
 * ({@link #consumeAll}); a record that cannot join it is applied alone afterwards. While the database
 * is away the batch waits in place and is applied together when it is back; should its transaction
 * fail for any other reason, every record of it is applied alone, as before (retried in place,
 * parked) — so a poison record parks alone and the others are applied once.
 * <p>
 * Each record is handled in its own CONSUMER span whose parent is the record's {@code traceparent} (the
 * task-service relay's PRODUCER span), so the request that caused the event, this consumer, the
 * inbox insert ({@link Dispatcher}) and the webhook call are one trace.
 */
@ApplicationScoped
public class TaskEventConsumer implements ParkedEventApplier {

    static final String CONSUMER = "notification-inbox";
    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);
    private static final Duration UNIT_POLL = Duration.ofMillis(100);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    Dispatcher dispatcher;

    @Inject
    ObjectMapper json;

    @Inject
    Consumption consumption;

    @Inject
    NotificationConfig config;

    @Inject
    OpenTelemetry otel;

    @Inject
    Tracer tracer;

    @Inject
    ConsumedEvents consumed;

    @Incoming("task-events")
    @Blocking
    public void onEvents(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        consumeAll(list);
    }

    /**
     * Applies the records of one poll: all it can in ONE transaction ({@link #applyTogether}), then, one at a
     * time as before ({@link #consume}), those that cannot be applied with the others — a record refused at
     * the door, one whose unit the replica does not know yet — or all of them when that transaction failed,
     * so a poison record is parked alone and the others are applied, each once.
     */
    void consumeAll(List<ConsumerRecord<String, String>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        try {
            for (ConsumerRecord<String, String> r : records) {
                spans.add(span(r));
            }
            for (int i : applyTogether(records, spans)) {
                Span span = spans.get(i);
                try (Scope ignored = span.makeCurrent()) {
                    consume(records.get(i));
                } catch (RuntimeException e) {
                    span.recordException(e);
                    span.setStatus(StatusCode.ERROR);
                    throw e;
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** The record's CONSUMER span, a child of the span that sent it (its {@code traceparent}). */
    private Span span(ConsumerRecord<String, String> record) {
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(StoredTrace.fromKafka(otel, record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", "notification-service")
                .startSpan();
    }

    /**
     * One transaction for every record that passes the door and names a known unit: the processed_event ids and
     * the look-ups in one round trip ({@link Dispatcher#begin}), each new event's rows rendered under its own span
     * and log context, all rows written set-based ({@link Dispatcher#flush}).
     * @return the indexes of the records still to apply one at a time, in order
     */
    private List<Integer> applyTogether(List<ConsumerRecord<String, String>> records, List<Span> spans) {
        int n = records.size();
        Checked[] checked = new Checked[n];
        TreeSet<Integer> alone = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            try {
                checked[i] = check(records.get(i));
            } catch (Poison p) {
                alone.add(i); // parked by consume(), alone, with its reason
            }
        }
        if (alone.size() == n) {
            return new ArrayList<>(alone);
        }
        String[] outcomes = new String[n];
        Set<Integer> refused = Set.copyOf(alone);
        boolean applied;
        try (EventLogContext ignored = EventLogContext.of(records.get(0))
                .with(EventLogContext.EVENT_COUNT, Integer.toString(n))) {
            applied = consumption.together(CONSUMER, records, () -> QuarkusTransaction.requiringNew().run(() -> {
                Arrays.fill(outcomes, null);
                alone.retainAll(refused);
                List<Dispatcher.Event> events = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (checked[i] != null) {
                        TaskEvent d = checked[i].data();
                        // a told type without a unit code ("" is none) waits like one with an unknown unit
                        events.add(new Dispatcher.Event(checked[i].event().id(),
                                d == null ? null : java.util.Objects.requireNonNullElse(d.task().unitCode(), "")));
                    }
                }
                // one round trip: the ids recorded in processed_event with their units checked, the look-ups
                Dispatcher.Batch batch = dispatcher.begin(CONSUMER, events);
                List<Integer> together = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (checked[i] == null) {
                        continue;
                    }
                    if (dispatcher.recorded(batch, checked[i].event().id())) {
                        together.add(i);
                    } else {
                        alone.add(i); // its unit is not in the replica: waits for its snapshot in consume(), after this batch
                    }
                }
                for (int i : together) {
                    Checked c = checked[i];
                    // what is logged meanwhile names this event and its trace (issue 15)
                    try (Scope s = spans.get(i).makeCurrent();
                         EventLogContext e = EventLogContext.of(c.event().id(), c.event().type())) {
                        if (c.data() != null) {
                            EventLogContext.unitCode(c.data().task().unitCode());
                        }
                        if (!dispatcher.firstTime(batch, c.event().id())) {
                            outcomes[i] = ConsumedEvents.DUPLICATE;
                            LOG.debugf("event %s (%s) already processed", c.event().id(), c.event().type());
                            continue;
                        }
                        outcomes[i] = ConsumedEvents.APPLIED;
                        if (c.data() != null) {
                            dispatcher.add(batch, c.event(), c.data());
                        }
                        LOG.debugf("event %s (%s) applied", c.event().id(), c.event().type());
                    }
                }
                dispatcher.flush(batch);
            }));
        }
        if (!applied) {
            // a record the database refuses, …: each alone, retried in place or parked (Consumption)
            List<Integer> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            return all;
        }
        for (int i = 0; i < n; i++) {
            if (outcomes[i] != null) {
                consumed.count(CONSUMER, records.get(i), outcomes[i]);
            }
        }
        return new ArrayList<>(alone);
    }

    private void consume(ConsumerRecord<String, String> record) {
        Instant[] graceEnds = {null};
        consumption.consume(CONSUMER, record, () -> {
            Checked checked = check(record);
            if (checked.data() != null) {
                EventLogContext.unitCode(checked.data().task().unitCode()); // in the log until Consumption closes the context
            }
            while (true) {
                try {
                    applyChecked(checked, null);
                    return;
                } catch (Poison p) {
                    // the unit's snapshot may still be on its way (duban.units is read by another consumer)
                    if (!Poison.UNKNOWN_UNIT.equals(p.reason())) {
                        throw p;
                    }
                    if (graceEnds[0] == null) {
                        graceEnds[0] = Instant.now().plus(config.consumer().unknownUnitGrace());
                    }
                    if (!Instant.now().isBefore(graceEnds[0])) {
                        throw p;
                    }
                    consumption.pause(UNIT_POLL);
                }
            }
        });
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public void apply(ConsumerRecord<String, String> record, Runnable alsoInTransaction) {
        try (EventLogContext ignored = EventLogContext.of(record)) {
            Checked checked = check(record);
            if (checked.data() != null) {
                EventLogContext.unitCode(checked.data().task().unitCode());
            }
            applyChecked(checked, alsoInTransaction);
        }
    }

    /** A record through the door: the event, and the data of a type someone is told of (null for the others). */
    private record Checked(IncomingEvent event, TaskEvent data) {
    }

    /** Reads and checks the record before anything touches the database; throws {@link Poison}. */
    private Checked check(ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(record);
        } catch (IllegalArgumentException e) {
            throw new Poison(Poison.UNREADABLE, "not a CloudEvent (ce_id/ce_type missing)");
        }
        EventRules.checkEnvelope(event);
        return new Checked(event, Routing.tellsAnyone(event.type()) ? EventRules.read(event, json) : null);
    }

    /** One transaction: the dedup log, the unit check and the effect (and the caller's own step, for a re-drive). */
    private void applyChecked(Checked c, Runnable alsoInTransaction) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (processedEvents.firstTime(CONSUMER, c.event().id())) {
                if (c.data() != null) {
                    if (UnitReplica.findById(c.data().task().unitCode()) == null) {
                        throw new Poison(Poison.UNKNOWN_UNIT, "unit " + c.data().task().unitCode()
                                + " is not in the unit replica (duban.units)");
                    }
                    dispatcher.dispatch(c.event(), c.data());
                    LOG.debugf("event %s (%s) applied", c.event().id(), c.event().type());
                }
                // other types (plan.published, task.accepted, …): recorded as processed, nobody told
            } else {
                LOG.debugf("event %s (%s) already processed", c.event().id(), c.event().type());
            }
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
        });
    }

}

package org.duban.notification.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.tracing.StoredTrace;
import org.duban.notification.NotificationConfig;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryRows;
import org.duban.events.task.Overdue;
import org.duban.events.task.TaskEvent;
import org.duban.events.task.TaskPart;
import org.duban.notification.preference.Preference;
import org.duban.notification.preference.PreferenceService;
import org.duban.notification.push.CommitSignals;
import org.duban.notification.routing.Routing;
import org.duban.notification.template.NotificationTemplates;
import org.duban.notification.template.TemplateModel;
import org.duban.notification.unit.UnitContact;
import org.duban.notification.unit.UnitReplica;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns task events into everything they cause, in the consumer's transaction: the inbox
 * notification of each unit told, and the rows of its external sends (a webhook call per subscribed
 * endpoint, an e-mail per contact, or a digest item), each under its unique key. Nothing leaves the
 * service here: {@code DeliveryWorker} sends the rows after this transaction committed, woken by
 * {@link CommitSignals} as the live streams of the units told are.
 * <p>
 * Every text comes from the event alone (issue 18): its task part names the task, the plan, the lead unit and
 * the unit; nothing of an earlier event is kept and no name is looked up.
 * <p>
 * Set-based (issue 16): a {@link Batch} is the events of one transaction, and its round trips to PostgreSQL do not
 * grow with it (hcons: under load each round trip waits for a core twice, the database's and this thread's, so the
 * transaction lasts as many scheduling delays as it has round trips). {@link #begin} records the events' ids in
 * processed_event — those whose unit the replica knows — and reads what they need (the units' contacts, their
 * preferences, the enabled webhook endpoints) in ONE round trip; {@link #add} renders each event's rows without a
 * statement; {@link #flush} writes every notification, the deliveries of the notifications that were new
 * ({@link DeliveryRows}) and the NOTIFYs of the other replicas in ONE statement (hrows), and says who should look in
 * this process once the transaction commits: with the commit, three round trips however many events. What a batch
 * read is never kept beyond its transaction, so a preference or an endpoint changed and committed meanwhile is seen
 * by the next one.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    Session session;

    @Inject
    NotificationConfig config;

    @Inject
    NotificationTemplates templates;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    InboxMetrics metrics;

    /** The delivery rows keep the trace they were written in (a no-op when tracing is off). */
    @Inject
    OpenTelemetry otel;

    @Inject
    CommitSignals signals;

    @Inject
    jakarta.enterprise.event.Event<Inserted> inserted;

    /** One event alone (a re-drive, a record applied by itself): read, render, write. */
    @WithSpan("inbox insert")
    @Transactional(Transactional.TxType.MANDATORY)
    public int dispatch(IncomingEvent event, TaskEvent data) {
        Batch b = new Batch(json);
        session.doWork(c -> b.load(c, codes(List.of(data.task().unitCode()))));
        render(b, event, data);
        return flush(b);
    }

    /** An event of a batch: its id, and the unit it is about (null for a type nobody is told of). */
    public record Event(String id, String unitCode) {
    }

    /**
     * The batch's first round trip: records in processed_event, for {@code consumer}, the ids of the events whose
     * unit the replica holds (and of those about no unit), and reads the units, preferences and endpoints they need.
     * An event left out ({@link #recorded} false) waits for its unit, applied alone after the batch. The record and the
     * check are one statement, so an event is recorded exactly when its unit is there; the look-ups come after it in
     * the same round trip and see at least those units (a replica's row is never deleted).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch begin(String consumer, List<Event> events) {
        Batch b = new Batch(json);
        List<String> units = new ArrayList<>();
        for (Event e : events) {
            units.add(e.unitCode());
        }
        session.doWork(c -> b.begin(c, consumer, events, codes(units)));
        return b;
    }

    /** Whether {@code eventId} was recorded by {@link #begin} (false: its unit is not in the replica yet). */
    public boolean recorded(Batch b, String eventId) {
        return b.known.contains(eventId);
    }

    /** Whether this is the first time {@code eventId} is applied; true at most once per id and batch. */
    public boolean firstTime(Batch b, String eventId) {
        return b.first.remove(eventId);
    }

    /** The units a batch about {@code units} reads: those, and the supervising office (told of escalations). */
    private Set<String> codes(Collection<String> units) {
        Set<String> codes = new LinkedHashSet<>();
        if (config.supervisorUnit() != null) {
            codes.add(config.supervisorUnit());
        }
        for (String u : units) {
            if (u != null) {
                codes.add(u);
            }
        }
        return codes;
    }

    /** Renders the rows one event causes into {@code b}; nothing is written until {@link #flush}. */
    @WithSpan("inbox insert")
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Batch b, IncomingEvent event, TaskEvent data) {
        render(b, event, data);
    }

    private void render(Batch b, IncomingEvent event, TaskEvent data) {
        Integer daysOverdue = data instanceof Overdue o ? o.daysOverdue() : null;
        List<Routing.Recipient> recipients = Routing.recipients(event.type(), data.task().unitCode(), daysOverdue,
                config.supervisorUnit(), config.escalateAfterWorkingDays());
        for (Routing.Recipient r : recipients) {
            if (!templates.has(r.template())) {
                LOG.warnf("no template %s for %s (%s): %s not told", r.template(), event.type(), r.reason(), r.unitCode());
                continue;
            }
            tell(b, event, data, r);
        }
    }

    /**
     * Writes the batch's rows in ONE statement ({@link #INSERT_NOTIFICATIONS}): the notifications, the deliveries of
     * those it created (a notification already there — the same event for the same unit — brings no second send),
     * and the NOTIFYs of the other replicas ({@link CommitSignals}: delivered at commit) of the units told and, if it
     * wrote a due delivery, of the deliveries; counts them when the transaction commits and tells this process's
     * streams and worker. The rows are cleared, the look-ups kept.
     * @return the notifications created now (units told)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int flush(Batch b) {
        if (b.notifications.isEmpty()) {
            return 0;
        }
        Written w = session.doReturningWork(c -> insert(c, b.notifications, b.deliveries));
        Set<String> told = new LinkedHashSet<>();
        List<Notification> created = new ArrayList<>(w.notifications.size());
        for (NotificationRow row : b.notifications) {
            if (w.notifications.contains(row.id())) {
                told.add(row.unitCode());
                created.add(row.notification());
            }
        }
        b.notifications.clear();
        b.deliveries.clear();
        metrics.created(InboxMetrics.INBOX, w.notifications.size());
        w.sends.forEach(metrics::created);
        if (!w.notifications.isEmpty()) {
            // after commit: the units' live streams are handed the rows from memory (no read back), the feed's waits
            // and the delivery worker of this process are woken (the other replicas' NOTIFY went above)
            inserted.fire(new Inserted(created));
            signals.notified(w.backend, told, w.due, true);
        }
        return w.notifications.size();
    }

    private void tell(Batch b, IncomingEvent event, TaskEvent data, Routing.Recipient r) {
        TaskPart task = data.task();
        String addressee = r.reason() == Routing.Reason.ASSIGNEE ? task.unitName() : config.supervisorUnitName();
        String link = config.linkBase() + task.taskId();
        Map<String, Object> model = TemplateModel.of(data, addressee, link);
        NotificationTemplates.Text text = templates.notification(r.template(), model);

        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        UUID notificationId = UUID.randomUUID();
        b.notifications.add(new NotificationRow(notificationId, r.unitCode(), event.id(), event.type(), task.taskId(),
                task.assignmentId(), text.title(), text.body(), task.deadline(), now,
                (String) model.get("documentNumber"), (String) model.get("leadUnitName"), link, r.reason().name()));
        webhooks(b, event, data, r, notificationId, text, model, now);
        email(b, event, r, notificationId, text, model, now);
    }

    private void webhooks(Batch b, IncomingEvent event, TaskEvent data, Routing.Recipient r, UUID notificationId,
                          NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        if (b.mode(r.unitCode(), event.type(), Delivery.WEBHOOK) == PreferenceService.Mode.OFF) {
            return;
        }
        String body = null; // the same for every endpoint of the unit
        for (Endpoint e : b.endpoints(r.unitCode())) {
            if (!e.subscribes(event.type())) {
                continue;
            }
            if (body == null) {
                body = webhookBody(event, data, r, notificationId, text, model, now);
            }
            b.deliveries.add(delivery(notificationId, event, r.unitCode(), Delivery.WEBHOOK, e.id().toString(), e.id(),
                    null, body, Delivery.Status.PENDING, now));
        }
    }

    private void email(Batch b, IncomingEvent event, Routing.Recipient r, UUID notificationId,
                       NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        PreferenceService.Mode mode = b.mode(r.unitCode(), event.type(), Delivery.EMAIL);
        if (mode == PreferenceService.Mode.OFF) {
            return;
        }
        if (mode == PreferenceService.Mode.DIGEST) {
            ObjectNode item = json.createObjectNode().put("title", text.title()).put("body", text.body())
                    .put("link", (String) model.get("link"));
            b.deliveries.add(delivery(notificationId, event, r.unitCode(), Delivery.DIGEST, "-", null,
                    text.title(), item.toString(), Delivery.Status.QUEUED, now));
            return;
        }
        Set<String> addresses = b.addresses(r.unitCode()); // its contacts, not its name
        if (addresses == null) {
            LOG.debugf("no replica of unit %s: no e-mail for event %s", r.unitCode(), event.id());
            return;
        }
        if (addresses.isEmpty()) {
            return;
        }
        Map<String, Object> emailModel = new HashMap<>(model);
        emailModel.put("body", text.body());
        String body = templates.email(emailModel);
        for (String address : addresses) {
            b.deliveries.add(delivery(notificationId, event, r.unitCode(), Delivery.EMAIL, address, null,
                    "【督办】" + text.title(), body, Delivery.Status.PENDING, now));
        }
    }

    /** The distinct e-mail addresses of a unit's contacts. */
    public static Set<String> addresses(List<UnitContact> contacts) {
        Set<String> out = new LinkedHashSet<>();
        for (UnitContact c : contacts) {
            if (c.email() != null && !c.email().isBlank()) {
                out.add(c.email().trim().toLowerCase());
            }
        }
        return out;
    }

    /**
     * The Standard Webhooks payload: {@code {"type", "timestamp", "data"}}; the same bytes on every attempt. The
     * event's data goes in as it came (a JSON object, {@link EventRules#read} checked it): not parsed a second time.
     */
    private String webhookBody(IncomingEvent event, TaskEvent data, Routing.Recipient r, UUID notificationId,
                               NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        TaskPart task = data.task();
        return webhookBody(event.type(), now.toString(), new String[]{
                notificationId.toString(), event.id(), r.unitCode(), r.reason().name(), task.taskId().toString(),
                task.assignmentId().toString(), text.title(), text.body(),
                task.deadline() == null ? null : task.deadline().toString(), (String) model.get("documentNumber"),
                (String) model.get("leadUnitName"), (String) model.get("link")}, event.data());
    }

    /** The members of the payload's {@code data} before {@code event}, in this order ({@link #webhookBody}). */
    static final List<String> WEBHOOK_DATA = List.of("notificationId", "eventId", "unitCode", "reason", "taskId",
            "assignmentId", "title", "body", "deadline", "documentNumber", "leadUnitName", "link");

    private static final JsonFactory JSON_TEXT = new JsonFactory();

    /**
     * The payload written member by member (hcons4: not built as a tree of nodes and then written), the bytes a tree of
     * the same members would give: {@code values} as {@link #WEBHOOK_DATA} names them (null written as null), then
     * {@code event}, the event's data as it came (null: null).
     */
    static String webhookBody(String type, String timestamp, String[] values, String eventData) {
        StringWriter out = new StringWriter(512 + (eventData == null ? 0 : eventData.length()));
        try (JsonGenerator g = JSON_TEXT.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("timestamp", timestamp);
            g.writeObjectFieldStart("data");
            for (int i = 0; i < values.length; i++) {
                g.writeStringField(WEBHOOK_DATA.get(i), values[i]);
            }
            g.writeFieldName("event");
            if (eventData == null) {
                g.writeNull();
            } else {
                g.writeRawValue(eventData);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A delivery row, with the trace context current now (the event's "inbox insert" span). */
    private DeliveryRows.Row delivery(UUID notificationId, IncomingEvent event, String unitCode, String channel,
                                      String target, UUID endpointId, String subject, String payload,
                                      Delivery.Status status, OffsetDateTime now) {
        return new DeliveryRows.Row(UUID.randomUUID(), notificationId, event.id(), event.type(), unitCode, channel,
                target, endpointId, subject, payload, status, now, StoredTrace.current(otel), null);
    }

    /** The rows of one notification, written by {@link #flush}. */
    record NotificationRow(UUID id, String unitCode, String eventId, String eventType, UUID taskId, UUID assignmentId,
                           String title, String body, LocalDate deadline, OffsetDateTime createdAt,
                           String documentNumber, String leadUnitName, String link, String reason) {

        /** The row as the table holds it once inserted (unread, on the inbox channel); never persisted from here. */
        Notification notification() {
            Notification n = new Notification();
            n.id = id;
            n.unitCode = unitCode;
            n.eventId = eventId;
            n.eventType = eventType;
            n.taskId = taskId;
            n.assignmentId = assignmentId;
            n.title = title;
            n.body = body;
            n.deadline = deadline;
            n.createdAt = createdAt;
            n.documentNumber = documentNumber;
            n.leadUnitName = leadUnitName;
            n.link = link;
            n.reason = reason;
            return n;
        }
    }

    /** An enabled webhook endpoint as the batch needs it: whose it is (null: global) and what it subscribes to. */
    record Endpoint(UUID id, String unitCode, List<String> eventTypes) {
        boolean subscribes(String eventType) {
            return eventTypes.isEmpty() || eventTypes.contains(eventType); // as WebhookEndpoint.subscribes
        }
    }

    /**
     * The notifications and their deliveries, however many, in one statement (one round trip; a JDBC batch is cut
     * into a round trip per 256 rows by the driver), each column an array: the notifications (a row already there —
     * event, unit, channel — skipped), the deliveries of the notifications it created ({@link DeliveryRows}, under
     * their own key), and {@link CommitSignals#INBOX_CHANNEL} NOTIFYed once per unit of a created notification,
     * {@link CommitSignals#DELIVERIES_CHANNEL} if it wrote a due delivery: PostgreSQL delivers them at commit. It
     * returns a row per created notification (or one without an id if none), one per written delivery (its id,
     * channel and status), each with the backend's PID ({@link CommitSignals#notified}).
     */
    private static final String INSERT_NOTIFICATIONS = """
            WITH ins AS (
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, task_id, assignment_id,
                                          title, body, deadline, created_at, document_number, lead_unit_name, link, reason)
                SELECT CAST(id AS uuid), unit_code, 'inbox', event_id, event_type, CAST(task_id AS uuid),
                       CAST(assignment_id AS uuid), title, body, CAST(deadline AS date), CAST(created_at AS timestamptz),
                       document_number, lead_unit_name, link, reason
                FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]))
                    AS r(id, unit_code, event_id, event_type, task_id, assignment_id, title, body, deadline, created_at,
                         document_number, lead_unit_name, link, reason)
                ON CONFLICT (event_id, unit_code, channel) DO NOTHING
                RETURNING id, unit_code),
            sends AS (%s),
            signal AS (
                SELECT count(pg_notify(s.channel, s.payload)) AS sent FROM (
                    SELECT DISTINCT '%s' AS channel, unit_code AS payload FROM ins
                    UNION ALL
                    SELECT '%s', '' WHERE EXISTS (SELECT 1 FROM sends WHERE sends.status = 'PENDING')) s)
            SELECT 'notification', CAST(ins.id AS text), NULL, NULL, pg_backend_pid() FROM signal LEFT JOIN ins ON true
            UNION ALL
            SELECT 'delivery', CAST(sends.id AS text), sends.channel, sends.status, pg_backend_pid() FROM sends"""
            .formatted(DeliveryRows.insertFrom("d.notification_id IN (SELECT id FROM ins)"),
                    CommitSignals.INBOX_CHANNEL, CommitSignals.DELIVERIES_CHANNEL);

    /** What {@link #INSERT_NOTIFICATIONS} wrote: the notifications created, the sends per channel, whether one is due. */
    private static final class Written {
        final Set<UUID> notifications = new HashSet<>();
        final Map<String, Integer> sends = new LinkedHashMap<>();
        boolean due;
        int backend;
    }

    /** Inserts the notifications and the deliveries of those it creates ({@link #INSERT_NOTIFICATIONS}). */
    private static Written insert(Connection c, List<NotificationRow> rows, List<DeliveryRows.Row> deliveries)
            throws SQLException {
        int n = rows.size();
        String[][] columns = new String[14][n];
        for (int i = 0; i < n; i++) {
            NotificationRow r = rows.get(i);
            String[] values = {r.id().toString(), r.unitCode(), r.eventId(), r.eventType(), text(r.taskId()),
                    text(r.assignmentId()), r.title(), r.body(), r.deadline() == null ? null : r.deadline().toString(),
                    DeliveryRows.TIMESTAMP.format(r.createdAt()), r.documentNumber(), r.leadUnitName(), r.link(),
                    r.reason()};
            for (int col = 0; col < values.length; col++) {
                columns[col][i] = values[col];
            }
        }
        Written w = new Written();
        try (PreparedStatement st = c.prepareStatement(INSERT_NOTIFICATIONS)) {
            for (int col = 0; col < columns.length; col++) {
                st.setArray(col + 1, c.createArrayOf("text", columns[col]));
            }
            DeliveryRows.bind(c, st, columns.length + 1, deliveries);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    w.backend = rs.getInt(5);
                    if (rs.getString(2) == null) {
                        continue; // no notification created
                    }
                    if ("notification".equals(rs.getString(1))) {
                        w.notifications.add(UUID.fromString(rs.getString(2)));
                    } else {
                        w.sends.merge(rs.getString(3), 1, Integer::sum);
                        w.due |= Delivery.Status.PENDING.name().equals(rs.getString(4));
                    }
                }
            }
        }
        return w;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /**
     * The task events of one transaction: the ids {@link #begin} recorded, what they read (units, preferences, webhook
     * endpoints, each loaded once, as plain values: nothing enters the persistence context, so nothing is
     * dirty-checked at commit) and the rows they cause. Lives no longer than its transaction.
     */
    public static final class Batch {
        private final ObjectMapper json;
        /** Unit code → its contacts as the replica stores them (JSON), empty if the replica does not hold it. */
        private final Map<String, Optional<String>> units = new HashMap<>();
        /** Unit code → the e-mail addresses of its contacts, read from {@link #units} when first needed. */
        private final Map<String, Set<String>> addresses = new HashMap<>();
        private final Map<String, List<Preference>> preferences = new HashMap<>();
        /** The enabled endpoints of the loaded units, and the global ones (unit null). */
        private final List<Endpoint> endpoints = new ArrayList<>();
        private boolean globalEndpointsLoaded;
        /** The ids {@link #begin} recorded (their unit is known), and those of them new to processed_event. */
        private final Set<String> known = new HashSet<>();
        private final Set<String> first = new HashSet<>();
        final List<NotificationRow> notifications = new ArrayList<>();
        final List<DeliveryRows.Row> deliveries = new ArrayList<>();

        private Batch(ObjectMapper json) {
            this.json = json;
        }

        /**
         * The ids of {@code events} whose unit is in the replica (or who have none), recorded for {@code consumer} in
         * one statement that returns each of them with whether it is new; before the commit a concurrent
         * transaction recording one of them waits on its key, and then does not see it as new.
         */
        private static final String RECORD = """
                WITH e AS (SELECT id, unit FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS e(id, unit)),
                known AS (SELECT e.id FROM e
                          WHERE e.unit IS NULL OR EXISTS (SELECT 1 FROM unit_replica u WHERE u.code = e.unit)),
                ins AS (INSERT INTO processed_event (consumer, event_id) SELECT ?, id FROM known
                        ON CONFLICT DO NOTHING RETURNING event_id)
                SELECT known.id, ins.event_id IS NOT NULL FROM known LEFT JOIN ins ON ins.event_id = known.id""";

        /** The look-ups of a set of units: three statements, one round trip (the driver sends them together). */
        private static final String LOOKUPS = """
                SELECT code, CAST(contacts AS text) FROM unit_replica WHERE code = ANY(?);
                SELECT unit_code, event_type, channel, mode FROM preference WHERE unit_code = ANY(?);
                SELECT id, unit_code, CAST(event_types AS text) FROM webhook_endpoint
                WHERE enabled AND (unit_code = ANY(?) OR (? AND unit_code IS NULL))""";

        private void begin(Connection c, String consumer, List<Event> events, Collection<String> codes)
                throws SQLException {
            Map<String, String> byId = new LinkedHashMap<>();
            for (Event e : events) {
                byId.putIfAbsent(e.id(), e.unitCode()); // an id twice is recorded (and new) once
            }
            try (PreparedStatement st = c.prepareStatement(RECORD + ";\n" + LOOKUPS)) {
                st.setArray(1, c.createArrayOf("text", byId.keySet().toArray(String[]::new)));
                st.setArray(2, c.createArrayOf("text", byId.values().toArray(String[]::new)));
                st.setString(3, consumer);
                List<String> missing = bindLookups(c, st, 4, codes);
                st.execute();
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            first.add(rs.getString(1));
                        }
                    }
                }
                st.getMoreResults();
                readLookups(st, missing);
            }
        }

        /** Reads the units {@code codes} not read yet, their preferences and endpoints: one round trip. */
        private void load(Connection c, Collection<String> codes) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(LOOKUPS)) {
                List<String> missing = bindLookups(c, st, 1, codes);
                if (missing.isEmpty()) {
                    return;
                }
                st.execute();
                readLookups(st, missing);
            }
        }

        private List<String> bindLookups(Connection c, PreparedStatement st, int from, Collection<String> codes)
                throws SQLException {
            List<String> missing = codes.stream().filter(code -> !units.containsKey(code)).distinct().toList();
            java.sql.Array array = c.createArrayOf("text", missing.toArray(String[]::new));
            st.setArray(from, array);
            st.setArray(from + 1, array);
            st.setArray(from + 2, array);
            st.setBoolean(from + 3, !globalEndpointsLoaded);
            return missing;
        }

        /** The look-ups' three results, from the statement's current one on. */
        private void readLookups(PreparedStatement st, List<String> missing) throws SQLException {
            for (String code : missing) {
                units.put(code, Optional.empty());
                preferences.put(code, new ArrayList<>());
            }
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    units.put(rs.getString(1), Optional.of(rs.getString(2)));
                }
            }
            st.getMoreResults();
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    Preference p = new Preference(); // a value, never persisted
                    p.unitCode = rs.getString(1);
                    p.eventType = rs.getString(2);
                    p.channel = rs.getString(3);
                    p.mode = rs.getString(4);
                    preferences.get(p.unitCode).add(p);
                }
            }
            st.getMoreResults();
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    endpoints.add(new Endpoint(rs.getObject(1, UUID.class), rs.getString(2), strings(rs.getString(3))));
                }
            }
            globalEndpointsLoaded = true;
        }

        private List<String> strings(String jsonArray) throws SQLException {
            try {
                return List.of(json.readValue(jsonArray, String[].class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("webhook_endpoint.event_types is not a JSON array of strings: " + jsonArray, e);
            }
        }

        boolean known(String code) {
            return code != null && units.getOrDefault(code, Optional.empty()).isPresent();
        }

        /** Makes sure {@code unitCode} was read (a recipient outside the batch's units: one more round trip). */
        private void need(String unitCode) {
            if (unitCode != null && !units.containsKey(unitCode)) {
                UnitReplica.getEntityManager().unwrap(Session.class).doWork(c -> load(c, List.of(unitCode)));
            }
        }

        /** The e-mail addresses of the unit's contacts; null if the replica does not hold the unit. */
        private Set<String> addresses(String unitCode) {
            need(unitCode);
            Optional<String> contacts = units.get(unitCode);
            if (contacts == null || contacts.isEmpty()) {
                return null;
            }
            return addresses.computeIfAbsent(unitCode, u -> {
                try {
                    return Dispatcher.addresses(List.of(json.readValue(contacts.get(), UnitContact[].class)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("unit_replica.contacts of " + u + " is not a list of contacts", e);
                }
            });
        }

        private PreferenceService.Mode mode(String unitCode, String eventType, String channel) {
            need(unitCode);
            return PreferenceService.mode(preferences.getOrDefault(unitCode, List.of()), eventType, channel);
        }

        /** The enabled endpoints a notification of {@code unitCode} goes to: its own and the global ones. */
        private List<Endpoint> endpoints(String unitCode) {
            need(unitCode);
            List<Endpoint> out = new ArrayList<>();
            for (Endpoint e : endpoints) {
                if (e.unitCode() == null || Objects.equals(e.unitCode(), unitCode)) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}

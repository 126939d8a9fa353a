package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.duban.notification.webhook.WebhookEndpoint;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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
 * Set-based (issue 16): a {@link Batch} is the events of one transaction. {@link #batch} reads, in one
 * query each, what they need (the units of the replica with their contacts, the units' preferences, the
 * enabled webhook endpoints); {@link #add} renders each event's rows without a statement;
 * {@link #flush} writes every notification in one JDBC batch, then the deliveries of the notifications
 * that were new in another, and says once who should look. What a batch read is never kept beyond its
 * transaction, so a preference or an endpoint changed and committed meanwhile is seen by the next one.
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

    /** One event alone (a re-drive, a record applied by itself): read, render, write. */
    @WithSpan("inbox insert")
    @Transactional(Transactional.TxType.MANDATORY)
    public int dispatch(IncomingEvent event, TaskEvent data) {
        Batch b = batch(List.of(data));
        render(b, event, data);
        return flush(b);
    }

    /** The look-ups the events of {@code data} need, one query each; the batch then collects their rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch(Collection<TaskEvent> data) {
        Batch b = new Batch();
        Set<String> codes = new LinkedHashSet<>();
        if (config.supervisorUnit() != null) {
            codes.add(config.supervisorUnit());
        }
        for (TaskEvent d : data) {
            if (d.task().unitCode() != null) {
                codes.add(d.task().unitCode());
            }
        }
        b.loadUnits(codes);
        return b;
    }

    /** Whether the replica holds {@code unitCode} (read with the batch). */
    public boolean knows(Batch b, String unitCode) {
        return b.unit(unitCode) != null;
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
     * Writes the batch's rows: the notifications in one JDBC batch, then the deliveries of those that were
     * new (a notification already there — the same event for the same unit — brings no second send); counts
     * them when the transaction commits and signals the units told. The rows are cleared, the look-ups kept.
     * @return the notifications created now (units told)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int flush(Batch b) {
        if (b.notifications.isEmpty()) {
            return 0;
        }
        Set<UUID> created = new HashSet<>();
        Set<String> told = new LinkedHashSet<>();
        Map<String, Integer> sends = new LinkedHashMap<>();
        boolean[] due = {false};
        session.doWork(c -> {
            int[] n = insert(c, b.notifications);
            for (int i = 0; i < n.length; i++) {
                if (n[i] > 0) {
                    NotificationRow row = b.notifications.get(i);
                    created.add(row.id());
                    told.add(row.unitCode());
                }
            }
            List<DeliveryRows.Row> deliveries = b.deliveries.stream()
                    .filter(d -> created.contains(d.notificationId())).toList();
            int[] d = DeliveryRows.insert(c, deliveries);
            for (int i = 0; i < d.length; i++) {
                if (d[i] > 0) {
                    DeliveryRows.Row row = deliveries.get(i);
                    sends.merge(row.channel(), 1, Integer::sum);
                    due[0] |= row.status() == Delivery.Status.PENDING;
                }
            }
        });
        b.notifications.clear();
        b.deliveries.clear();
        metrics.created(InboxMetrics.INBOX, created.size());
        sends.forEach(metrics::created);
        // after commit: the units' live streams and the delivery worker, here and on every replica
        signals.written(told, due[0]);
        return created.size();
    }

    private void tell(Batch b, IncomingEvent event, TaskEvent data, Routing.Recipient r) {
        TaskPart task = data.task();
        UnitReplica recipient = b.unit(r.unitCode()); // its contacts (e-mail), not its name
        String addressee = r.reason() == Routing.Reason.ASSIGNEE ? task.unitName() : config.supervisorUnitName();
        String link = config.linkBase() + task.taskId();
        Map<String, Object> model = TemplateModel.of(data, addressee, link);
        NotificationTemplates.Text text = templates.notification(r.template(), model);

        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        UUID notificationId = UUID.randomUUID();
        b.notifications.add(new NotificationRow(notificationId, r.unitCode(), event.id(), event.type(), task.taskId(),
                task.assignmentId(), text.title(), text.body(), task.deadline(), now,
                (String) model.get("documentNumber"), (String) model.get("leadUnitName"), link, r.reason().name()));
        Map<String, Object> emailModel = new HashMap<>(model);
        emailModel.put("body", text.body());
        webhooks(b, event, data, r, notificationId, text, model, now);
        email(b, event, r, recipient, notificationId, text, emailModel, now);
    }

    private void webhooks(Batch b, IncomingEvent event, TaskEvent data, Routing.Recipient r, UUID notificationId,
                          NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        if (b.mode(r.unitCode(), event.type(), Delivery.WEBHOOK) == PreferenceService.Mode.OFF) {
            return;
        }
        for (WebhookEndpoint e : b.endpoints(r.unitCode())) {
            if (!e.subscribes(event.type())) {
                continue;
            }
            b.deliveries.add(delivery(notificationId, event, r.unitCode(), Delivery.WEBHOOK, e.id.toString(), e.id,
                    null, webhookBody(event, data, r, notificationId, text, model, now), Delivery.Status.PENDING, now));
        }
    }

    private void email(Batch b, IncomingEvent event, Routing.Recipient r, UnitReplica recipient, UUID notificationId,
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
        if (recipient == null) {
            LOG.debugf("no replica of unit %s: no e-mail for event %s", r.unitCode(), event.id());
            return;
        }
        Set<String> addresses = addresses(recipient.contacts);
        if (addresses.isEmpty()) {
            return;
        }
        String body = templates.email(model);
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

    /** The Standard Webhooks payload: {@code {"type", "timestamp", "data"}}; the same bytes on every attempt. */
    private String webhookBody(IncomingEvent event, TaskEvent data, Routing.Recipient r, UUID notificationId,
                               NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        ObjectNode root = json.createObjectNode();
        root.put("type", event.type());
        root.put("timestamp", now.toString());
        ObjectNode d = root.putObject("data");
        d.put("notificationId", notificationId.toString());
        d.put("eventId", event.id());
        d.put("unitCode", r.unitCode());
        d.put("reason", r.reason().name());
        d.put("taskId", data.task().taskId().toString());
        d.put("assignmentId", data.task().assignmentId().toString());
        d.put("title", text.title());
        d.put("body", text.body());
        d.put("deadline", data.task().deadline() == null ? null : data.task().deadline().toString());
        d.put("documentNumber", (String) model.get("documentNumber"));
        d.put("leadUnitName", (String) model.get("leadUnitName"));
        d.put("link", (String) model.get("link"));
        try {
            d.set("event", event.data() == null ? null : json.readTree(event.data()));
        } catch (Exception e) {
            d.set("event", (JsonNode) null);
        }
        return root.toString();
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
    }

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notification (id, unit_code, channel, event_id, event_type, task_id, assignment_id,
                                      title, body, deadline, created_at, document_number, lead_unit_name, link, reason)
            VALUES (?, ?, 'inbox', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, unit_code, channel) DO NOTHING""";

    /** The notifications in one JDBC batch (one round trip); the count of each row: 1 inserted, 0 there already. */
    private static int[] insert(Connection c, List<NotificationRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_NOTIFICATION)) {
            for (NotificationRow row : rows) {
                bind(st, row);
                st.addBatch();
            }
            int[] counts = st.executeBatch();
            for (int n : counts) {
                if (n < 0) {
                    // reWriteBatchedInserts (or a driver) that does not count rows would hide a duplicate
                    throw new IllegalStateException("the JDBC driver did not count the rows of a batch (" + n
                            + "): keep reWriteBatchedInserts off for notification-service");
                }
            }
            return counts;
        }
    }

    private static void bind(PreparedStatement st, NotificationRow n) throws SQLException {
        st.setObject(1, n.id());
        st.setString(2, n.unitCode());
        st.setString(3, n.eventId());
        st.setString(4, n.eventType());
        st.setObject(5, n.taskId(), Types.OTHER);
        st.setObject(6, n.assignmentId(), Types.OTHER);
        st.setString(7, n.title());
        st.setString(8, n.body());
        st.setObject(9, n.deadline(), Types.DATE);
        st.setObject(10, n.createdAt(), Types.TIMESTAMP_WITH_TIMEZONE);
        st.setString(11, n.documentNumber());
        st.setString(12, n.leadUnitName());
        st.setString(13, n.link());
        st.setString(14, n.reason());
    }

    /**
     * The task events of one transaction: what they read (units, preferences, webhook endpoints,
     * each loaded once) and the rows they cause. Lives no longer than its transaction.
     */
    public static final class Batch {
        private final Map<String, Optional<UnitReplica>> units = new HashMap<>();
        private final Map<String, List<Preference>> preferences = new HashMap<>();
        /** The enabled endpoints of the loaded units, and the global ones (unit null). */
        private final List<WebhookEndpoint> endpoints = new ArrayList<>();
        private boolean globalEndpointsLoaded;
        final List<NotificationRow> notifications = new ArrayList<>();
        final List<DeliveryRows.Row> deliveries = new ArrayList<>();

        private Batch() {
        }

        /** Units, their preferences and their enabled endpoints (with the global ones), one query each. */
        private void loadUnits(Collection<String> codes) {
            List<String> missing = codes.stream().filter(c -> !units.containsKey(c)).distinct().toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, UnitReplica> found = new HashMap<>();
            for (UnitReplica u : byCodes(UnitReplica.class, "SELECT * FROM unit_replica WHERE code = " + ANY_CODE, missing)) {
                found.put(u.code, u);
            }
            for (String c : missing) {
                units.put(c, Optional.ofNullable(found.get(c)));
                preferences.put(c, new ArrayList<>());
            }
            for (Preference p : byCodes(Preference.class, "SELECT * FROM preference WHERE unit_code = " + ANY_CODE, missing)) {
                preferences.get(p.unitCode).add(p);
            }
            endpoints.addAll(byCodes(WebhookEndpoint.class, "SELECT * FROM webhook_endpoint WHERE enabled AND (unit_code = "
                    + ANY_CODE + (globalEndpointsLoaded ? ")" : " OR unit_code IS NULL)"), missing));
            globalEndpointsLoaded = true;
        }

        /** The codes of {@link #byCodes}' parameter, in SQL. */
        private static final String ANY_CODE = "ANY(ARRAY(SELECT unnest(CAST(?1 AS text[]))))";

        /**
         * The entities a native query of fixed SQL selects for {@code codes} (h16lat: the JPQL {@code unitCode in ?1}
         * with a list was translated from HQL again for every batch — 9 % of notification-service's CPU at 50
         * tasks/s, JFR). Nothing of the batch's transaction is flushed first: its rows are written by JDBC at the end.
         */
        @SuppressWarnings("unchecked")
        private static <T> List<T> byCodes(Class<T> type, String sql, Collection<String> codes) {
            String array = codes.stream().map(c -> "\"" + c.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
            return UnitReplica.getEntityManager().createNativeQuery(sql, type)
                    .setParameter(1, array)
                    .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
                    .getResultList();
        }

        UnitReplica unit(String code) {
            if (code == null) {
                return null;
            }
            if (!units.containsKey(code)) {
                loadUnits(List.of(code));
            }
            return units.get(code).orElse(null);
        }

        private PreferenceService.Mode mode(String unitCode, String eventType, String channel) {
            unit(unitCode);
            return PreferenceService.mode(preferences.getOrDefault(unitCode, List.of()), eventType, channel);
        }

        /** The enabled endpoints a notification of {@code unitCode} goes to: its own and the global ones. */
        private List<WebhookEndpoint> endpoints(String unitCode) {
            unit(unitCode);
            List<WebhookEndpoint> out = new ArrayList<>();
            for (WebhookEndpoint e : endpoints) {
                if (e.unitCode == null || Objects.equals(e.unitCode, unitCode)) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}

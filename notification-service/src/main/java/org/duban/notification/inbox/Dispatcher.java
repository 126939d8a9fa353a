package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.calendar.WorkingDays;
import org.duban.common.messaging.IncomingEvent;
import org.duban.common.tracing.StoredTrace;
import org.duban.notification.NotificationConfig;
import org.duban.notification.delivery.Delivery;
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
 * Set-based (issue 16): a {@link Batch} is the events of one transaction. {@link #batch} reads, in one
 * query each, what they need (the units of the replica, the task facts, the units' preferences, the
 * enabled webhook endpoints); {@link #add} renders each event's rows without a statement;
 * {@link #flush} writes every notification in one JDBC batch, then the deliveries of the notifications
 * that were new in another, and says once who should look. What a batch read is never kept beyond its
 * transaction, so a preference or an endpoint changed and committed meanwhile is seen by the next one.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** Hibernate's JDBC batch size in a consumer's transaction (its task_info inserts and updates). */
    private static final int JDBC_BATCH = 100;

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notification (id, unit_code, channel, event_id, event_type, task_id, assignment_id,
                                      title, body, deadline, created_at, document_number, lead_unit_name, link, reason)
            VALUES (?, ?, 'inbox', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, unit_code, channel) DO NOTHING""";

    private static final String INSERT_DELIVERY = """
            INSERT INTO delivery (id, notification_id, event_id, event_type, unit_code, channel, target, endpoint_id,
                                  subject, payload, status, attempts, next_attempt_at, created_at,
                                  traceparent, tracestate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT (event_id, unit_code, channel, target) DO NOTHING""";

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

    /** Working days left when an event does not carry them: the replica of task-service's calendar. */
    @Inject
    WorkingDays calendar;

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
    public int dispatch(IncomingEvent event, TaskEventData data) {
        Batch b = batch(List.of(data));
        render(b, event, data);
        return flush(b);
    }

    /** The look-ups the events of {@code data} need, one query each; the batch then collects their rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch(Collection<TaskEventData> data) {
        Batch b = new Batch();
        // the task facts a batch creates or changes are written at its commit: one JDBC batch, not a statement each
        session.setJdbcBatchSize(JDBC_BATCH);
        Set<String> codes = new LinkedHashSet<>();
        Set<UUID> tasks = new LinkedHashSet<>();
        if (config.supervisorUnit() != null) {
            codes.add(config.supervisorUnit());
        }
        for (TaskEventData d : data) {
            if (d.unitCode() != null) {
                codes.add(d.unitCode());
            }
            if (d.leadUnitCode() != null) {
                codes.add(d.leadUnitCode());
            }
            if (d.taskId() != null) {
                tasks.add(d.taskId());
            }
        }
        b.loadUnits(codes);
        if (!tasks.isEmpty()) {
            for (TaskInfo t : TaskInfo.<TaskInfo>list("taskId in ?1", tasks)) {
                b.infos.put(t.taskId, t);
            }
        }
        b.taskInfosLoaded.addAll(tasks);
        return b;
    }

    /** Whether the replica holds {@code unitCode} (read with the batch). */
    public boolean knows(Batch b, String unitCode) {
        return b.unit(unitCode) != null;
    }

    /** Renders the rows one event causes into {@code b}; nothing is written until {@link #flush}. */
    @WithSpan("inbox insert")
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Batch b, IncomingEvent event, TaskEventData data) {
        render(b, event, data);
    }

    private void render(Batch b, IncomingEvent event, TaskEventData data) {
        TaskInfo info = remember(b, event.type(), data);
        List<Routing.Recipient> recipients = Routing.recipients(event.type(), data.unitCode(), data.daysOverdue(),
                config.supervisorUnit(), config.escalateAfterWorkingDays());
        for (Routing.Recipient r : recipients) {
            if (!templates.has(event.type(), r.reason().name())) {
                LOG.warnf("no template for %s (%s): %s not told", event.type(), r.reason(), r.unitCode());
                continue;
            }
            tell(b, event, data, info, r);
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
            int[] n = insert(c, INSERT_NOTIFICATION, b.notifications, Dispatcher::bind);
            for (int i = 0; i < n.length; i++) {
                if (n[i] > 0) {
                    NotificationRow row = b.notifications.get(i);
                    created.add(row.id());
                    told.add(row.unitCode());
                }
            }
            List<DeliveryRow> deliveries = b.deliveries.stream().filter(d -> created.contains(d.notificationId())).toList();
            int[] d = insert(c, INSERT_DELIVERY, deliveries, Dispatcher::bind);
            for (int i = 0; i < d.length; i++) {
                if (d[i] > 0) {
                    DeliveryRow row = deliveries.get(i);
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

    private void tell(Batch b, IncomingEvent event, TaskEventData data, TaskInfo info, Routing.Recipient r) {
        UnitReplica recipient = b.unit(r.unitCode());
        String unitName = data.unitName() != null ? data.unitName() : nameOf(b, data.unitCode());
        String addressee = r.reason() == Routing.Reason.ASSIGNEE ? unitName
                : recipient != null ? recipient.name : r.unitCode();
        String title = data.title() != null ? data.title() : info != null && info.title != null ? info.title : "任务";
        String link = config.linkBase() + data.taskId();
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        Map<String, Object> model = TemplateModel.of(new TemplateModel.Facts(addressee, unitName, title, data.role(),
                data.deadline(), today, data.daysLeft(), data.daysOverdue(),
                info == null ? data.documentNumber() : info.documentNumber,
                info == null ? data.leadUnitName() : info.leadUnitName, link, data.message(), data.reason(),
                data.percent(), data.summary(), data.previousDeadline(), data.requestedDeadline()), calendar);
        NotificationTemplates.Text text = templates.notification(event.type(), r.reason().name(), model);

        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        UUID notificationId = UUID.randomUUID();
        b.notifications.add(new NotificationRow(notificationId, r.unitCode(), event.id(), event.type(), data.taskId(),
                data.assignmentId(), text.title(), text.body(), data.deadline(), now,
                (String) model.get("documentNumber"), (String) model.get("leadUnitName"), link, r.reason().name()));
        Map<String, Object> emailModel = new HashMap<>(model);
        emailModel.put("body", text.body());
        webhooks(b, event, data, r, notificationId, text, model, now);
        email(b, event, r, recipient, notificationId, text, emailModel, now);
    }

    private void webhooks(Batch b, IncomingEvent event, TaskEventData data, Routing.Recipient r, UUID notificationId,
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
    private String webhookBody(IncomingEvent event, TaskEventData data, Routing.Recipient r, UUID notificationId,
                               NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        ObjectNode root = json.createObjectNode();
        root.put("type", event.type());
        root.put("timestamp", now.toString());
        ObjectNode d = root.putObject("data");
        d.put("notificationId", notificationId.toString());
        d.put("eventId", event.id());
        d.put("unitCode", r.unitCode());
        d.put("reason", r.reason().name());
        d.put("taskId", data.taskId() == null ? null : data.taskId().toString());
        d.put("assignmentId", data.assignmentId() == null ? null : data.assignmentId().toString());
        d.put("title", text.title());
        d.put("body", text.body());
        d.put("deadline", data.deadline() == null ? null : data.deadline().toString());
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
    private DeliveryRow delivery(UUID notificationId, IncomingEvent event, String unitCode, String channel,
                                 String target, UUID endpointId, String subject, String payload, Delivery.Status status,
                                 OffsetDateTime now) {
        return new DeliveryRow(UUID.randomUUID(), notificationId, event.id(), event.type(), unitCode, channel, target,
                endpointId, subject, payload, status, now, StoredTrace.current(otel));
    }

    /** Keeps what later events of the task (reminders) will not carry: title, lead unit, document number. */
    private TaskInfo remember(Batch b, String type, TaskEventData data) {
        if (data.taskId() == null) {
            return null;
        }
        TaskInfo info = b.taskInfo(data.taskId());
        boolean changed = false;
        if (info == null) {
            info = new TaskInfo();
            info.taskId = data.taskId();
            changed = true;
        }
        if (data.title() != null && !data.title().equals(info.title)) {
            info.title = data.title();
            changed = true;
        }
        if (data.documentNumber() != null && !data.documentNumber().equals(info.documentNumber)) {
            info.documentNumber = data.documentNumber();
            changed = true;
        }
        String leadCode = data.leadUnitCode() != null ? data.leadUnitCode()
                : TaskEventData.ASSIGNED.equals(type) && "LEAD".equals(data.role()) ? data.unitCode() : null;
        if (leadCode != null && !leadCode.equals(info.leadUnitCode)) {
            info.leadUnitCode = leadCode;
            info.leadUnitName = data.leadUnitName() != null ? data.leadUnitName()
                    : data.unitName() != null && leadCode.equals(data.unitCode()) ? data.unitName() : nameOf(b, leadCode);
            changed = true;
        }
        if (changed) {
            info.updatedAt = OffsetDateTime.now(clock);
            info.persist(); // managed already: a no-op; new: inserted at the flush (JDBC-batched with the others)
            b.infos.put(info.taskId, info);
        }
        return info;
    }

    private static String nameOf(Batch b, String unitCode) {
        if (unitCode == null) {
            return null;
        }
        UnitReplica u = b.unit(unitCode);
        return u == null ? unitCode : u.name;
    }

    /** The rows of one notification, written by {@link #flush}. */
    record NotificationRow(UUID id, String unitCode, String eventId, String eventType, UUID taskId, UUID assignmentId,
                           String title, String body, LocalDate deadline, OffsetDateTime createdAt,
                           String documentNumber, String leadUnitName, String link, String reason) {
    }

    record DeliveryRow(UUID id, UUID notificationId, String eventId, String eventType, String unitCode, String channel,
                       String target, UUID endpointId, String subject, String payload, Delivery.Status status,
                       OffsetDateTime now, StoredTrace trace) {
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement st, T row) throws SQLException;
    }

    /** One JDBC batch (one round trip); the count of each row: 1 inserted, 0 there already. */
    private static <T> int[] insert(Connection c, String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(st, row);
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

    private static void bind(PreparedStatement st, DeliveryRow d) throws SQLException {
        st.setObject(1, d.id());
        st.setObject(2, d.notificationId());
        st.setString(3, d.eventId());
        st.setString(4, d.eventType());
        st.setString(5, d.unitCode());
        st.setString(6, d.channel());
        st.setString(7, d.target());
        st.setObject(8, d.endpointId(), Types.OTHER);
        st.setString(9, d.subject());
        st.setString(10, d.payload());
        st.setString(11, d.status().name());
        st.setObject(12, d.status() == Delivery.Status.PENDING ? d.now() : null, Types.TIMESTAMP_WITH_TIMEZONE);
        st.setObject(13, d.now(), Types.TIMESTAMP_WITH_TIMEZONE);
        st.setString(14, d.trace().traceparent());
        st.setString(15, d.trace().tracestate());
    }

    /**
     * The task events of one transaction: what they read (units, task facts, preferences, webhook endpoints,
     * each loaded once) and the rows they cause. Lives no longer than its transaction.
     */
    public static final class Batch {
        private final Map<String, Optional<UnitReplica>> units = new HashMap<>();
        private final Map<UUID, TaskInfo> infos = new HashMap<>();
        private final Set<UUID> taskInfosLoaded = new HashSet<>();
        private final Map<String, List<Preference>> preferences = new HashMap<>();
        /** The enabled endpoints of the loaded units, and the global ones (unit null). */
        private final List<WebhookEndpoint> endpoints = new ArrayList<>();
        private boolean globalEndpointsLoaded;
        final List<NotificationRow> notifications = new ArrayList<>();
        final List<DeliveryRow> deliveries = new ArrayList<>();

        private Batch() {
        }

        /** Units, their preferences and their enabled endpoints (with the global ones), one query each. */
        private void loadUnits(Collection<String> codes) {
            List<String> missing = codes.stream().filter(c -> !units.containsKey(c)).distinct().toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, UnitReplica> found = new HashMap<>();
            for (UnitReplica u : UnitReplica.<UnitReplica>list("code in ?1", missing)) {
                found.put(u.code, u);
            }
            for (String c : missing) {
                units.put(c, Optional.ofNullable(found.get(c)));
                preferences.put(c, new ArrayList<>());
            }
            for (Preference p : Preference.<Preference>list("unitCode in ?1", missing)) {
                preferences.get(p.unitCode).add(p);
            }
            endpoints.addAll(globalEndpointsLoaded
                    ? WebhookEndpoint.list("enabled = true and unitCode in ?1", missing)
                    : WebhookEndpoint.list("enabled = true and (unitCode in ?1 or unitCode is null)", missing));
            globalEndpointsLoaded = true;
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

        private TaskInfo taskInfo(UUID taskId) {
            TaskInfo t = infos.get(taskId);
            if (t == null && !taskInfosLoaded.contains(taskId)) {
                t = TaskInfo.findById(taskId);
                taskInfosLoaded.add(taskId);
                if (t != null) {
                    infos.put(taskId, t);
                }
            }
            return t;
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

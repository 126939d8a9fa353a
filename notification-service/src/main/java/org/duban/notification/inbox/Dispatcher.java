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

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one task event into everything it causes, in the consumer's transaction: the inbox
 * notification of each unit told, and the rows of its external sends (a webhook call per subscribed
 * endpoint, an e-mail per contact, or a digest item), each under its unique key. Nothing leaves the
 * service here: {@code DeliveryWorker} sends the rows after this transaction committed, woken by
 * {@link CommitSignals} as the live streams of the units told are.
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
    PreferenceService preferences;

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

    /** @return the number of units told (notifications created now) */
    @WithSpan("inbox insert")
    @Transactional(Transactional.TxType.MANDATORY)
    public int dispatch(IncomingEvent event, TaskEventData data) {
        TaskInfo info = remember(event.type(), data);
        List<Routing.Recipient> recipients = Routing.recipients(event.type(), data.unitCode(), data.daysOverdue(),
                config.supervisorUnit(), config.escalateAfterWorkingDays());
        int told = 0;
        Set<String> units = new LinkedHashSet<>();
        for (Routing.Recipient r : recipients) {
            if (!templates.has(event.type(), r.reason().name())) {
                LOG.warnf("no template for %s (%s): %s not told", event.type(), r.reason(), r.unitCode());
                continue;
            }
            if (tell(event, data, info, r)) {
                told++;
                units.add(r.unitCode());
            }
        }
        // after commit: the units' live streams and the delivery worker, here and on every replica
        signals.written(units, !units.isEmpty());
        return told;
    }

    private boolean tell(IncomingEvent event, TaskEventData data, TaskInfo info, Routing.Recipient r) {
        UnitReplica recipient = UnitReplica.findById(r.unitCode());
        String unitName = data.unitName() != null ? data.unitName() : nameOf(data.unitCode());
        String addressee = r.reason() == Routing.Reason.ASSIGNEE ? unitName
                : recipient != null ? recipient.name : r.unitCode();
        String title = data.title() != null ? data.title() : info != null && info.title != null ? info.title : "任务";
        String link = config.linkBase() + data.taskId();
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        Map<String, Object> model = TemplateModel.of(new TemplateModel.Facts(addressee, unitName, title, data.role(),
                data.deadline(), today, data.daysLeft(), data.daysOverdue(),
                info == null ? data.documentNumber() : info.documentNumber,
                info == null ? data.leadUnitName() : info.leadUnitName, link, data.message(), data.reason(),
                data.percent(), data.summary(), data.previousDeadline(), data.requestedDeadline()));
        NotificationTemplates.Text text = templates.notification(event.type(), r.reason().name(), model);

        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        UUID notificationId = UUID.randomUUID();
        int inserted = session.createNativeMutationQuery("""
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, task_id, assignment_id,
                                          title, body, deadline, created_at, document_number, lead_unit_name, link, reason)
                VALUES (?1, ?2, 'inbox', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                ON CONFLICT (event_id, unit_code, channel) DO NOTHING""")
                .setParameter(1, notificationId, UUID.class)
                .setParameter(2, r.unitCode(), String.class)
                .setParameter(3, event.id(), String.class)
                .setParameter(4, event.type(), String.class)
                .setParameter(5, data.taskId(), UUID.class)
                .setParameter(6, data.assignmentId(), UUID.class)
                .setParameter(7, text.title(), String.class)
                .setParameter(8, text.body(), String.class)
                .setParameter(9, data.deadline(), LocalDate.class)
                .setParameter(10, now, OffsetDateTime.class)
                .setParameter(11, (String) model.get("documentNumber"), String.class)
                .setParameter(12, (String) model.get("leadUnitName"), String.class)
                .setParameter(13, link, String.class)
                .setParameter(14, r.reason().name(), String.class)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        metrics.created(InboxMetrics.INBOX);
        Map<String, Object> emailModel = new HashMap<>(model);
        emailModel.put("body", text.body());
        webhooks(event, data, r, notificationId, text, model, now);
        email(event, r, recipient, notificationId, text, emailModel, now);
        return true;
    }

    private void webhooks(IncomingEvent event, TaskEventData data, Routing.Recipient r, UUID notificationId,
                          NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        if (preferences.mode(r.unitCode(), event.type(), Delivery.WEBHOOK) == PreferenceService.Mode.OFF) {
            return;
        }
        List<WebhookEndpoint> endpoints = WebhookEndpoint.list("enabled = true and (unitCode = ?1 or unitCode is null)",
                r.unitCode());
        for (WebhookEndpoint e : endpoints) {
            if (!e.subscribes(event.type())) {
                continue;
            }
            UUID id = UUID.randomUUID();
            insertDelivery(id, notificationId, event, r.unitCode(), Delivery.WEBHOOK, e.id.toString(), e.id, null,
                    webhookBody(event, data, r, notificationId, text, model, now), Delivery.Status.PENDING, now);
        }
    }

    private void email(IncomingEvent event, Routing.Recipient r, UnitReplica recipient, UUID notificationId,
                       NotificationTemplates.Text text, Map<String, Object> model, OffsetDateTime now) {
        PreferenceService.Mode mode = preferences.mode(r.unitCode(), event.type(), Delivery.EMAIL);
        if (mode == PreferenceService.Mode.OFF) {
            return;
        }
        if (mode == PreferenceService.Mode.DIGEST) {
            ObjectNode item = json.createObjectNode().put("title", text.title()).put("body", text.body())
                    .put("link", (String) model.get("link"));
            insertDelivery(UUID.randomUUID(), notificationId, event, r.unitCode(), Delivery.DIGEST, "-", null,
                    text.title(), item.toString(), Delivery.Status.QUEUED, now);
            return;
        }
        if (recipient == null) {
            LOG.debugf("no replica of unit %s: no e-mail for event %s", r.unitCode(), event.id());
            return;
        }
        String body = templates.email(model);
        for (String address : addresses(recipient.contacts)) {
            insertDelivery(UUID.randomUUID(), notificationId, event, r.unitCode(), Delivery.EMAIL, address, null,
                    "【督办】" + text.title(), body, Delivery.Status.PENDING, now);
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

    private void insertDelivery(UUID id, UUID notificationId, IncomingEvent event, String unitCode, String channel,
                                String target, UUID endpointId, String subject, String payload, Delivery.Status status,
                                OffsetDateTime now) {
        StoredTrace trace = StoredTrace.current(otel);
        if (session.createNativeMutationQuery("""
                INSERT INTO delivery (id, notification_id, event_id, event_type, unit_code, channel, target, endpoint_id,
                                      subject, payload, status, attempts, next_attempt_at, created_at,
                                      traceparent, tracestate)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, ?14, ?15)
                ON CONFLICT (event_id, unit_code, channel, target) DO NOTHING""")
                .setParameter(1, id, UUID.class)
                .setParameter(2, notificationId, UUID.class)
                .setParameter(3, event.id(), String.class)
                .setParameter(4, event.type(), String.class)
                .setParameter(5, unitCode, String.class)
                .setParameter(6, channel, String.class)
                .setParameter(7, target, String.class)
                .setParameter(8, endpointId, UUID.class)
                .setParameter(9, subject, String.class)
                .setParameter(10, payload, String.class)
                .setParameter(11, status.name(), String.class)
                .setParameter(12, status == Delivery.Status.PENDING ? now : null, OffsetDateTime.class)
                .setParameter(13, now, OffsetDateTime.class)
                .setParameter(14, trace.traceparent(), String.class)
                .setParameter(15, trace.tracestate(), String.class)
                .executeUpdate() > 0) {
            metrics.created(channel);
        }
    }

    /** Keeps what later events of the task (reminders) will not carry: title, lead unit, document number. */
    private TaskInfo remember(String type, TaskEventData data) {
        if (data.taskId() == null) {
            return null;
        }
        TaskInfo info = TaskInfo.findById(data.taskId());
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
                    : data.unitName() != null && leadCode.equals(data.unitCode()) ? data.unitName() : nameOf(leadCode);
            changed = true;
        }
        if (changed) {
            info.updatedAt = OffsetDateTime.now(clock);
            info.persist();
        }
        return info;
    }

    private static String nameOf(String unitCode) {
        if (unitCode == null) {
            return null;
        }
        UnitReplica u = UnitReplica.findById(unitCode);
        return u == null ? unitCode : u.name;
    }
}

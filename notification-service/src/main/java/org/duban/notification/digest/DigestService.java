package org.duban.notification.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.calendar.WorkingDays;
import org.duban.notification.NotificationConfig;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryRows;
import org.duban.notification.inbox.Dispatcher;
import org.duban.notification.push.CommitSignals;
import org.duban.notification.template.NotificationTemplates;
import org.duban.notification.template.TemplateModel;
import org.duban.notification.unit.UnitReplica;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The daily digest (每日汇总): on working days (task-service's calendar, replicated: CalendarReplica) from the
 * configured hour, each unit with queued digest items gets one e-mail per contact listing them. In one transaction per unit the
 * digest e-mails are written as ordinary e-mail deliveries under the key
 * ({@code digest:<unit>:<date>}, unit, email, address) and the items they list are marked DIGESTED;
 * a second run the same day finds the key taken and leaves newer items for the next digest.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);

    @Inject
    CommitSignals signals;

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

    /** The replica of task-service's calendar (CalendarReplica): no digest on 国庆, one on a 调休 Saturday. */
    @Inject
    WorkingDays calendar;

    @Scheduled(every = "${duban.notification.digest.check-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            runIfDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "digest pass failed; retried on the next one");
        }
    }

    /**
     * Sends the digests due at {@code now}: none on a day off (weekends and holidays; a 调休 Saturday is a
     * working day) or before the hour. Returns the units digested.
     */
    public int runIfDue(Instant now) {
        ZonedDateTime local = now.atZone(config.zone());
        if (!calendar.isWorkingDay(local.toLocalDate()) || local.getHour() < config.digest().hour()) {
            return 0;
        }
        LocalDate date = local.toLocalDate();
        List<String> units = QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "SELECT DISTINCT unit_code FROM delivery WHERE status = 'QUEUED' ORDER BY unit_code", String.class)
                .getResultList());
        int n = 0;
        for (String unit : units) {
            if (QuarkusTransaction.requiringNew().call(() -> digest(unit, date, now))) {
                n++;
            }
        }
        return n;
    }

    private boolean digest(String unitCode, LocalDate date, Instant now) {
        String key = "digest:" + unitCode + ":" + date;
        long already = Delivery.count("eventId = ?1 and unitCode = ?2", key, unitCode);
        if (already > 0) {
            return false;
        }
        List<Delivery> items = Delivery.list("unitCode = ?1 and status = 'QUEUED' order by createdAt, id", unitCode);
        UnitReplica unit = UnitReplica.findById(unitCode);
        if (items.isEmpty() || unit == null) {
            return false;
        }
        List<Map<String, Object>> model = new ArrayList<>();
        for (Delivery d : items) {
            Map<String, Object> m = new HashMap<>();
            try {
                JsonNode item = json.readTree(d.payload);
                m.put("title", item.path("title").asText(""));
                m.put("body", item.path("body").asText(""));
                if (item.hasNonNull("link")) {
                    m.put("link", item.path("link").asText());
                }
            } catch (Exception e) {
                m.put("title", d.subject == null ? "" : d.subject);
                m.put("body", "");
            }
            model.add(m);
        }
        String body = templates.digest(unit.name, TemplateModel.date(date), model);
        String subject = "【督办】" + TemplateModel.date(date) + "通知汇总（" + items.size() + "条）";
        // the real clock for the rows (the worker sends rows due by it); `now` only chose the day
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<DeliveryRows.Row> rows = new ArrayList<>();
        for (String address : Dispatcher.addresses(unit.contacts)) {
            rows.add(new DeliveryRows.Row(UUID.randomUUID(), null, key, "digest", unitCode, Delivery.EMAIL, address,
                    null, subject, body, Delivery.Status.PENDING, at, null, date));
        }
        int written = session.doReturningWork(c -> IntStream.of(DeliveryRows.insert(c, rows)).sum());
        if (written > 0) {
            signals.written(List.of(), true);
        }
        for (Delivery d : items) {
            d.status = Delivery.Status.DIGESTED.name();
            d.digestDate = date;
            d.finishedAt = at;
        }
        LOG.debugf("digest %s: %d items to %d addresses", key, items.size(), written);
        return true;
    }
}

package org.duban.notification.delivery;

import org.duban.common.tracing.StoredTrace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one definition of how a delivery row is written (issue 18): the consumer's sends (webhook calls, e-mails,
 * digest items, {@code inbox.Dispatcher}) and the daily digest's e-mails ({@code digest.DigestService}) insert
 * through {@link #insert} or {@link #insertFrom}, under the row's unique key (event, unit, channel, target): a row
 * already there is left as it is and not returned, so a redelivered event or a second digest run the same day sends
 * nothing twice.
 * <p>
 * Set-based (issue 16, hrows): however many rows, ONE statement — each column an array, unnested — so one round trip
 * (a JDBC batch of single-row INSERTs is cut by PgJDBC into a round trip per 256 rows), and the statement can be part
 * of a larger one: the consumer writes a batch's notifications and their deliveries in one.
 */
public final class DeliveryRows {
    private DeliveryRows() {
    }

    /** The bound parameters of {@link #insertFrom}: one text array per column. */
    public static final int ARRAYS = 16;

    /** Timestamps as text with their offset (PostgreSQL rounds the nanoseconds to microseconds, as PgJDBC did). */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    /**
     * One row to write. A PENDING row is due at once ({@code next_attempt_at} = {@code createdAt}); a QUEUED one
     * (a digest item) waits for its digest.
     *
     * @param notificationId the inbox notification it sends, or null (a digest e-mail)
     * @param endpointId     the webhook endpoint, or null
     * @param trace          the trace it was written in (null: none)
     * @param digestDate     the day of the digest a digest e-mail is, else null
     */
    public record Row(UUID id, UUID notificationId, String eventId, String eventType, String unitCode, String channel,
                      String target, UUID endpointId, String subject, String payload, Delivery.Status status,
                      OffsetDateTime createdAt, StoredTrace trace, LocalDate digestDate) {
    }

    /**
     * An INSERT of the rows {@link #bind} binds ({@link #ARRAYS} parameters, in this order), of those only the ones for
     * which {@code condition} holds (an SQL condition on {@code d.notification_id}, a uuid, and the other columns of
     * {@code d}), a row whose key is there already skipped; it returns the {@code id}, {@code channel} and
     * {@code status} of each row it wrote. Usable as a statement or as a data-modifying {@code WITH} query.
     */
    public static String insertFrom(String condition) {
        return """
                INSERT INTO delivery (id, notification_id, event_id, event_type, unit_code, channel, target, endpoint_id,
                                      subject, payload, status, attempts, next_attempt_at, created_at,
                                      traceparent, tracestate, digest_date)
                SELECT d.id, d.notification_id, d.event_id, d.event_type, d.unit_code, d.channel, d.target,
                       d.endpoint_id, d.subject, d.payload, d.status, 0, d.next_attempt_at, d.created_at,
                       d.traceparent, d.tracestate, d.digest_date
                FROM (SELECT CAST(id AS uuid) AS id, CAST(notification_id AS uuid) AS notification_id, event_id,
                             event_type, unit_code, channel, target, CAST(endpoint_id AS uuid) AS endpoint_id, subject,
                             payload, status, CAST(next_attempt_at AS timestamptz) AS next_attempt_at,
                             CAST(created_at AS timestamptz) AS created_at, traceparent, tracestate,
                             CAST(digest_date AS date) AS digest_date
                      FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                  CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                  CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                  CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                          AS r(id, notification_id, event_id, event_type, unit_code, channel, target, endpoint_id,
                               subject, payload, status, next_attempt_at, created_at, traceparent, tracestate,
                               digest_date)) d
                WHERE %s
                ON CONFLICT (event_id, unit_code, channel, target) DO NOTHING
                RETURNING id, channel, status""".formatted(condition);
    }

    private static final String INSERT = insertFrom("true");

    /**
     * Inserts the rows in one statement (one round trip) on the caller's connection and transaction.
     * @return per row: 1 inserted, 0 there already
     */
    public static int[] insert(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        Set<UUID> written = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            bind(c, st, 1, rows);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getObject(1, UUID.class));
                }
            }
        }
        int[] counts = new int[rows.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = written.contains(rows.get(i).id()) ? 1 : 0;
        }
        return counts;
    }

    /**
     * Binds the rows' {@link #ARRAYS} column arrays from parameter {@code from} on.
     * @return the next parameter's index
     */
    public static int bind(Connection c, PreparedStatement st, int from, List<Row> rows) throws SQLException {
        int n = rows.size();
        String[][] columns = new String[ARRAYS][n];
        for (int i = 0; i < n; i++) {
            Row d = rows.get(i);
            String[] values = {d.id().toString(), text(d.notificationId()), d.eventId(), d.eventType(), d.unitCode(),
                    d.channel(), d.target(), text(d.endpointId()), d.subject(), d.payload(), d.status().name(),
                    d.status() == Delivery.Status.PENDING ? TIMESTAMP.format(d.createdAt()) : null,
                    TIMESTAMP.format(d.createdAt()), d.trace() == null ? null : d.trace().traceparent(),
                    d.trace() == null ? null : d.trace().tracestate(),
                    d.digestDate() == null ? null : d.digestDate().toString()};
            for (int col = 0; col < ARRAYS; col++) {
                columns[col][i] = values[col];
            }
        }
        for (int col = 0; col < ARRAYS; col++) {
            st.setArray(from + col, c.createArrayOf("text", columns[col]));
        }
        return from + ARRAYS;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}

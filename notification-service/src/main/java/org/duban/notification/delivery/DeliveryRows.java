package org.duban.notification.delivery;

import org.duban.common.tracing.StoredTrace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The one definition of how a delivery row is written (issue 18): the consumer's sends (webhook calls, e-mails,
 * digest items, {@code inbox.Dispatcher}) and the daily digest's e-mails ({@code digest.DigestService}) insert
 * through {@link #insert}, under the row's unique key (event, unit, channel, target): a row already there is
 * left as it is and counted 0, so a redelivered event or a second digest run the same day sends nothing twice.
 */
public final class DeliveryRows {
    private DeliveryRows() {
    }

    static final String INSERT = """
            INSERT INTO delivery (id, notification_id, event_id, event_type, unit_code, channel, target, endpoint_id,
                                  subject, payload, status, attempts, next_attempt_at, created_at,
                                  traceparent, tracestate, digest_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, unit_code, channel, target) DO NOTHING""";

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
     * Inserts the rows in one JDBC batch (one round trip) on the caller's connection and transaction.
     * @return per row: 1 inserted, 0 there already
     */
    public static int[] insert(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (Row row : rows) {
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

    private static void bind(PreparedStatement st, Row d) throws SQLException {
        st.setObject(1, d.id());
        st.setObject(2, d.notificationId(), Types.OTHER);
        st.setString(3, d.eventId());
        st.setString(4, d.eventType());
        st.setString(5, d.unitCode());
        st.setString(6, d.channel());
        st.setString(7, d.target());
        st.setObject(8, d.endpointId(), Types.OTHER);
        st.setString(9, d.subject());
        st.setString(10, d.payload());
        st.setString(11, d.status().name());
        st.setObject(12, d.status() == Delivery.Status.PENDING ? d.createdAt() : null, Types.TIMESTAMP_WITH_TIMEZONE);
        st.setObject(13, d.createdAt(), Types.TIMESTAMP_WITH_TIMEZONE);
        st.setString(14, d.trace() == null ? null : d.trace().traceparent());
        st.setString(15, d.trace() == null ? null : d.trace().tracestate());
        st.setObject(16, d.digestDate(), Types.DATE);
    }
}

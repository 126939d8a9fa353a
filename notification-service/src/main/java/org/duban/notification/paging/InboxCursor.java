package org.duban.notification.paging;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.time.DateRange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The position after a notification in an inbox ordered by (created_at DESC, id DESC), and likewise after a row of
 * every other list of this service that pages by a cursor (dead letters, parked events). Clients see it only as an
 * opaque string (base64url of {@code <created_at>|<id>}). It sits below the packages whose lists it pages (inbox,
 * delivery, parking, stream), so none of them depends on another for it (issue 18: no package cycles).
 */
public record InboxCursor(OffsetDateTime createdAt, UUID id) {

    /**
     * Narrows a Panache query ordered by ({@code timeField} DESC, id DESC) to the rows after
     * {@code cursor} (none: from the start). Used by every list of this service that pages by a cursor.
     */
    public static void appendAfter(StringBuilder query, java.util.Map<String, Object> params, String timeField,
                                   String cursor) {
        if (cursor != null && !cursor.isBlank()) {
            InboxCursor after = fromRequest(cursor);
            query.append(" and (").append(timeField).append(" < :at or (").append(timeField).append(" = :at and id < :id))");
            params.put("at", after.createdAt());
            params.put("id", after.id());
        }
    }

    /** A page cut from the {@code limit + 1} rows fetched, and the cursor after its last row when there are more. */
    public record Page<T>(java.util.List<T> rows, String next) {
        public static <T> Page<T> of(java.util.List<T> fetched, int limit, java.util.function.Function<T, InboxCursor> position) {
            boolean more = fetched.size() > limit;
            java.util.List<T> rows = more ? fetched.subList(0, limit) : fetched;
            return new Page<>(rows, more ? position.apply(rows.get(rows.size() - 1)).encode() : null);
        }
    }

    public String encode() {
        String plain = createdAt.toInstant() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cursor a caller sent back (a {@code cursor} parameter, a {@code Last-Event-ID}).
     * @throws ProblemException 400 validation naming {@code cursor} when it is not one this service returned
     */
    public static InboxCursor fromRequest(String cursor) {
        try {
            return decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The cursor is not one this service returned",
                    List.of(new Problem.FieldError("cursor", "not a cursor returned as nextCursor", cursor)));
        }
    }

    /** @throws IllegalArgumentException if {@code s} is not a cursor this class wrote */
    public static InboxCursor decode(String s) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant at = Instant.parse(plain.substring(0, bar));
            // a cursor this service wrote holds the time of a notification; a forged far one would reach the database
            if (!DateRange.contains(at.atOffset(ZoneOffset.UTC).toLocalDate())) {
                throw new IllegalArgumentException("not a time of a notification");
            }
            UUID id = UUID.fromString(plain.substring(bar + 1));
            return new InboxCursor(at.atOffset(ZoneOffset.UTC), id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor: " + s, e);
        }
    }
}

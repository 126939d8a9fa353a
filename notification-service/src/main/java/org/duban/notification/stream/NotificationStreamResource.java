package org.duban.notification.stream;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.duban.notification.NotificationConfig;
import org.duban.notification.inbox.InboxApi;
import org.duban.notification.paging.InboxCursor;
import org.duban.notification.inbox.InboxService;
import org.duban.notification.inbox.Notification;
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unit's live stream (server-sent events). The inbox is the source of truth: the rows this process's
 * consumer commits for the unit are handed to the stream from memory after the commit ({@link LiveStreams},
 * {@link Handover}: no read back); the stream reads new rows of the inbox after its position when it starts or
 * resumes, when another replica committed a notification of the unit (PostgreSQL NOTIFY), whenever memory
 * cannot prove there is no gap, and at the latest every
 * {@code duban.notification.stream.poll-every} (a backstop), so every instance serves every
 * notification, and a client that
 * reconnects with {@code Last-Event-ID} (the id of the last event it saw, an inbox cursor) first gets
 * what it missed, in order. Each event: {@code id} = that cursor, {@code event: notification},
 * {@code data} = the notification as in the inbox list.
 * <p>
 * Who may listen is the inbox's rule (supervisor, viewer, the unit's own), decided before the
 * stream opens: a refused request gets a 401/403 problem+json, never an open stream. The method is
 * {@code @Blocking} because reading the caller resolves the token's identity, which must not block
 * the event loop (authentication is lazy: quarkus.http.auth.proactive=false). The token is the
 * {@code Authorization} header: a browser's EventSource cannot send one, so browsers need a client
 * that sets headers (fetch-based SSE); OA systems and scripts send it as on any request. A stream
 * ends when its token expires: the client reconnects with a fresh token and {@code Last-Event-ID},
 * and misses nothing.
 */
@Path("/units/{code}/notifications/stream")
@Tag(name = "Notifications")
public class NotificationStreamResource {

    /** Rows committed out of created_at order are still seen: each poll looks back this far. */
    private static final Duration LOOK_BACK = Duration.ofSeconds(5);

    /** Rows read per query, and queries per read (then the stream wakes itself to read on). */
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 10;

    @Inject
    InboxService inbox;

    @Inject
    NotificationConfig config;

    @Inject
    LiveStreams streams;

    @Inject
    Access access;

    @Inject
    JsonWebToken token;

    @Inject
    StreamMetrics metrics;

    @GET
    @Blocking
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live notifications of a unit (SSE)",
            description = "Resumable: send Last-Event-ID (or ?lastEventId=) to receive what was missed first. "
                    + "Without it the stream starts at now. The stream ends when the bearer token expires: "
                    + "reconnect with a fresh token and Last-Event-ID.")
    @APIResponse(responseCode = "200", description = "text/event-stream of notification events")
    @APIResponse(responseCode = "400", description = "A Last-Event-ID this service did not write (problem+json)")
    public Multi<OutboundSseEvent> stream(@PathParam("code") @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE) String code,
                                          @Parameter(description = "The id of the last event received")
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("lastEventId") String lastEventIdParam,
                                          @Context Sse sse) {
        access.requireRead(code, "The notifications of unit '" + code + "'");
        String resume = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParam;
        InboxCursor start = resume != null && !resume.isBlank() ? InboxService.decode(resume) : null;
        Position seen = new Position();
        if (start == null) {
            Notification newest = QuarkusTransaction.requiringNew().call(() -> inbox.newest(code));
            seen.floor = newest == null ? new InboxCursor(OffsetDateTime.now(ZoneOffset.UTC), new UUID(0, 0))
                    : newest.cursor();
        } else {
            seen.floor = start;
        }
        // A turn when a notification of the unit commits (the wake-up: rows handed from memory, or a read), and at
        // the latest every stream.poll-every (the backstop, a read); each turn runs on a worker thread, one at a time.
        Multi<OutboundSseEvent> events = Multi.createFrom().<List<Notification>>deferred(() -> {
                    LiveStreams.Listener listener = streams.open(code);
                    return Multi.createBy().repeating()
                            .uni(() -> Uni.createFrom().completionStage(() -> listener.wake.next(config.stream().pollEvery(), streams.timers()))
                                    .emitOn(Infrastructure.getDefaultWorkerPool())
                                    .map(woken -> turn(code, seen, listener)))
                            .indefinitely()
                            .onTermination().invoke(() -> streams.close(code, listener));
                })
                .concatMap(rows -> Multi.createFrom().iterable(rows))
                .map(n -> sse.newEventBuilder()
                        .id(n.cursor().encode())
                        .name("notification")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(InboxApi.NotificationView.class, InboxApi.NotificationView.of(n))
                        .build());
        // authorized when opened, so it lasts no longer than the token that opened it
        long expiresAt = token.getExpirationTime();
        return metrics.counted(expiresAt <= 0 ? events
                : events.select().first(Duration.ofMillis(Math.max(0, expiresAt * 1000 - System.currentTimeMillis()))));
    }

    /**
     * The stream's turn: the rows this process committed for the unit since the last turn, from memory, when memory
     * proves there is no gap ({@link Handover}); otherwise a read of the inbox ({@link #poll}).
     */
    private List<Notification> turn(String code, Position p, LiveStreams.Listener listener) {
        Handover.Turn t = listener.handover.take();
        if (t.read()) {
            listener.reads.incrementAndGet();
            return poll(code, p, listener);
        }
        List<Notification> fresh = p.fromMemory(t.rows(), OffsetDateTime.now(ZoneOffset.UTC).minus(LOOK_BACK));
        listener.handed.addAndGet(fresh.size());
        return fresh;
    }

    /**
     * The notifications after the stream's floor not sent yet. A row is sent when it is newer than
     * the floor; the floor moves up only to rows sent and older than the look-back window, so a row
     * that committed late with an earlier created_at is still found. The rows sent above the floor are
     * left out by the query (issue 16: before, every wake-up read the unit's whole look-back window
     * again and dropped what was sent in memory). Reads page by page up to {@link #MAX_PAGES}; if
     * there is more, the stream wakes itself to read on.
     */
    private List<Notification> poll(String code, Position p, LiveStreams.Listener listener) {
        List<Notification> rows = new ArrayList<>();
        InboxCursor from = p.floor;
        java.util.Set<UUID> skip = java.util.Set.copyOf(p.sent.keySet());
        for (int page = 0; ; page++) {
            InboxCursor after = from;
            List<Notification> got = QuarkusTransaction.requiringNew().call(() -> inbox.afterExcept(code, after, skip, PAGE));
            rows.addAll(got);
            if (got.size() < PAGE) {
                break;
            }
            if (page + 1 == MAX_PAGES) {
                listener.handover.mustRead();
                listener.wake.signal();
                break;
            }
            from = got.get(got.size() - 1).cursor();
        }
        List<Notification> fresh = rows.stream().filter(n -> p.sent.putIfAbsent(n.id, n.cursor()) == null).toList();
        p.settle(OffsetDateTime.now(ZoneOffset.UTC).minus(LOOK_BACK));
        return fresh;
    }

    /**
     * Where a stream is: the floor (everything up to it was sent) and the rows sent above it, with their
     * positions. Polls run one at a time (a stream's reads are sequential).
     */
    static final class Position {
        volatile InboxCursor floor;
        final Map<UUID, InboxCursor> sent = new ConcurrentHashMap<>();

        /**
         * Rows handed from memory: those above the floor not sent yet, in the inbox's order (created_at, id) — a row
         * a read sent already, or handed twice, is left out; then the floor settles as after a read.
         */
        List<Notification> fromMemory(List<Notification> handed, OffsetDateTime settled) {
            List<Notification> fresh = new ArrayList<>(handed.size());
            for (Notification n : handed) {
                InboxCursor c = n.cursor();
                if (ORDER.compare(c, floor) > 0 && sent.putIfAbsent(n.id, c) == null) {
                    fresh.add(n);
                }
            }
            fresh.sort(java.util.Comparator.comparing(Notification::cursor, ORDER));
            settle(settled);
            return fresh;
        }

        /** The floor up to the newest sent row created before {@code settled}; those rows are forgotten. */
        void settle(OffsetDateTime settled) {
            InboxCursor top = floor;
            for (var it = sent.entrySet().iterator(); it.hasNext(); ) {
                InboxCursor c = it.next().getValue();
                if (c.createdAt().isBefore(settled)) {
                    if (ORDER.compare(c, top) > 0) {
                        top = c;
                    }
                    it.remove();
                }
            }
            floor = top;
        }
    }

    /** PostgreSQL's order of (created_at, id): a uuid compares as unsigned bytes, not as Java's signed longs. */
    static final java.util.Comparator<InboxCursor> ORDER = java.util.Comparator
            .comparing((InboxCursor c) -> c.createdAt().toInstant())
            .thenComparing(c -> c.id(), (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            });
}

package org.duban.notification.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.common.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The pull feed (issue 19): the notifications of every unit the token may read, after a cursor,
 * oldest first, with long polling — for OA systems that cannot accept calls from outside their
 * network (webhooks cannot reach them). Which units: {@link Caller#readableUnits()} (supervisor and
 * viewer: all; a unit-operator: its unit; an integration: the units of its {@code units} claim).
 * <p>
 * A request answers at once when there are rows; otherwise it waits up to {@code wait} for one to
 * commit, woken by the commit signal ({@link FeedWaiters}) — while it waits it holds neither a worker
 * thread nor a database connection ({@link LongPoll}); at most {@code duban.notification.feed.max-waiters} such
 * requests per replica ({@link FeedWaiters#enter()}), one more is a 503 with Retry-After. {@code @Blocking}: resolving the caller reads
 * the token (lazy authentication), which must not run on the event loop; the method returns before the wait.
 */
@Path("/notifications/feed")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    public static final int MAX_LIMIT = 500;

    @Inject
    FeedService feed;

    @Inject
    FeedWaiters waiters;

    @Inject
    FeedMetrics metrics;

    @Inject
    Access access;

    @Inject
    JsonWebToken token;

    @Inject
    ObjectMapper json;

    @GET
    @Blocking
    @RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
    @Operation(summary = "Pull the notifications of every unit the token may read (long polling)",
            description = "Oldest first, after the cursor `after` (none: from the first notification). Answers at once "
                    + "when there are notifications; otherwise waits up to `wait` (0–60s) and answers as soon as one "
                    + "commits, or with no items when the wait ends. Pass `nextCursor` as `after` in the next request: "
                    + "no notification is skipped, even one whose transaction committed late, and none is repeated. "
                    + "Supervisor and viewer read every unit, a unit-operator its unit, an integration the units of its token.")
    @APIResponse(responseCode = "200", description = "The next notifications (empty when the wait ended without one)")
    @APIResponse(responseCode = "400", description = "A cursor this service did not hand out, a wait beyond 60s, a limit outside 1–500 (problem+json)")
    @APIResponse(responseCode = "503", description = "With a wait: this replica already holds as many waiting requests as "
            + "it allows (duban.notification.feed.max-waiters); retry after the Retry-After seconds (problem+json, type busy)")
    public Uni<FeedApi.FeedPage> feed(
            @Parameter(description = "nextCursor of the previous answer (or an item's cursor); none: from the first notification")
            @QueryParam("after") String after,
            @Parameter(description = "How long to wait when there is nothing yet: 0 (default) to 60s, e.g. 30s or 1500ms", example = "30s")
            @QueryParam("wait") String wait,
            @Parameter(description = "At most this many notifications (1–500)")
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(MAX_LIMIT) int limit) {
        FeedCursor from = cursor(after);
        Duration waitFor = waitFor(wait);
        Set<String> units = access.caller().readableUnits();
        if (units != null && units.isEmpty()) {
            return Uni.createFrom().item(new FeedApi.FeedPage(List.of(), from.encode()));
        }
        if (!from.equals(FeedCursor.START) && !feed.issuedHere(from)) {
            throw badCursor(after);
        }
        // a token that expires sooner ends the wait then: the next request needs a fresh one anyway
        long deadline = System.nanoTime() + waitFor.toNanos();
        long expiresAt = token.getExpirationTime();
        if (expiresAt > 0) {
            long left = Math.max(0, expiresAt * 1000 - System.currentTimeMillis());
            deadline = Math.min(deadline, System.nanoTime() + Duration.ofMillis(left).toNanos());
        }
        boolean counted = !waitFor.isZero();
        java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean(!counted);
        if (counted && !waiters.enter()) {
            throw new FeedBusy(waiters.maxWaiters());
        }
        LongPoll poll = new LongPoll(feed, waiters, metrics, Infrastructure.getDefaultWorkerPool(), units, from, limit, deadline);
        return Uni.createFrom().completionStage(poll::start)
                .onTermination().invoke(() -> {
                    poll.close();
                    if (left.compareAndSet(false, true)) {
                        waiters.leave();
                    }
                });
    }

    /** The common problem body, plus the Retry-After header a ProblemException cannot carry. */
    @ServerExceptionMapper
    public Response busy(FeedBusy e, UriInfo uri) throws JsonProcessingException {
        ProblemType t = ProblemType.BUSY;
        Problem p = new Problem(t.uri(), t.title(), t.status(), e.getMessage(), uri.getRequestUri().getRawPath(),
                List.of(new Problem.FieldError("wait", "no place to wait on this replica now", null)));
        return Response.status(t.status()).type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(FeedBusy.RETRY_AFTER_SECONDS))
                .entity(json.writeValueAsString(p)).build();
    }

    private static FeedCursor cursor(String after) {
        try {
            return FeedCursor.decode(after);
        } catch (IllegalArgumentException e) {
            throw badCursor(after);
        }
    }

    private static ProblemException badCursor(String after) {
        return new ProblemException(ProblemType.VALIDATION, "The cursor is not one this service returned",
                List.of(new Problem.FieldError("after", "not a cursor returned as nextCursor", abbreviate(after))));
    }

    private static Duration waitFor(String wait) {
        try {
            return FeedWait.parse(wait);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The wait is not one this service accepts",
                    List.of(new Problem.FieldError("wait", e.getMessage(), abbreviate(wait))));
        }
    }

    private static String abbreviate(String v) {
        return v == null || v.length() <= 200 ? v : v.substring(0, 200) + "…";
    }
}

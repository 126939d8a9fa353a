package org.duban.common.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.CurrentCaller;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code Idempotency-Key} on the POSTs marked {@link Idempotent}. The key is claimed in its own
 * transaction before the resource runs (a row in flight); the resource's 2xx answer is stored in
 * the business transaction itself ({@link IdempotentInterceptor}), so a crash can never leave a
 * committed change whose key is still in flight; any error releases the key, so the client may fix
 * its input and retry with the same key. Rules (replay, 422 on another body, 409 while in flight)
 * in docs/api-guide.md.
 */
public class IdempotencyFilters {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = Logger.getLogger(IdempotencyFilters.class);

    @Inject
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Inject
    jakarta.enterprise.inject.Instance<StoredResponseSealer> sealer;

    @Inject
    CurrentClaim current;

    @Inject
    IdempotencyStore store;

    /** How long a completed key replays its first response. */
    @ConfigProperty(name = "duban.idempotency.ttl", defaultValue = "24h")
    Duration ttl;

    /** A key in flight longer than this (its request died) may be taken over by a retry. */
    @ConfigProperty(name = "duban.idempotency.in-flight-timeout", defaultValue = "2m")
    Duration inFlightTimeout;

    @ServerRequestFilter
    public Response claim(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || resource.getResourceMethod() == null
                || !resource.getResourceMethod().isAnnotationPresent(Idempotent.class)) {
            return null;
        }
        key = key.strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION, "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters",
                    List.of(Problem.FieldError.of(HEADER, "must have 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String target = query == null ? path : path + "?" + query;
        String hash = hash(request.getMethod(), target, body);
        // the hook for authentication: keys are scoped by the caller (its token's subject)
        String scope = caller.get().idempotencyScope();
        String k = key;
        Response replay = QuarkusTransaction.requiringNew().call(() -> claimOrReplay(scope, k, hash, request.getMethod(), target));
        if (replay == null) {
            current.set(new CurrentClaim.Claim(scope, key));
        }
        return replay;
    }

    /** Null when this request now owns the key; else the stored first response. */
    private Response claimOrReplay(String scope, String key, String hash, String method, String target) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO idempotency_key (scope, idem_key, request_hash, method, path, expires_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now() + make_interval(secs => ?6))
                        ON CONFLICT (scope, idem_key) DO NOTHING""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                .setParameter(4, method).setParameter(5, target).setParameter(6, (double) ttl.toSeconds())
                .executeUpdate();
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT request_hash, completed_at IS NOT NULL, status, content_type, location, etag, body,
                               expires_at < now(), created_at < now() - make_interval(secs => ?3)
                        FROM idempotency_key WHERE scope = ?1 AND idem_key = ?2 FOR UPDATE""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, (double) inFlightTimeout.toSeconds())
                .getResultList();
        if (rows.isEmpty()) {
            // released by its owner between our insert and select: try once more
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A request with this Idempotency-Key is in progress; retry shortly");
        }
        Object[] r = rows.get(0);
        boolean completed = (Boolean) r[1];
        boolean expired = (Boolean) r[7];
        boolean abandoned = !completed && (Boolean) r[8];
        if (expired || abandoned) {
            em.createNativeQuery("""
                            UPDATE idempotency_key SET request_hash = ?3, method = ?4, path = ?5, created_at = now(),
                                   expires_at = now() + make_interval(secs => ?6), completed_at = NULL, status = NULL,
                                   content_type = NULL, location = NULL, etag = NULL, body = NULL
                            WHERE scope = ?1 AND idem_key = ?2""")
                    .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                    .setParameter(4, method).setParameter(5, target).setParameter(6, (double) ttl.toSeconds())
                    .executeUpdate();
            return null;
        }
        if (!hash.equals(r[0])) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for another request (method, path or body differ); use a new key",
                    List.of(Problem.FieldError.of(HEADER, "used for another request")));
        }
        if (!completed) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A request with this Idempotency-Key is in progress; retry shortly");
        }
        Response.ResponseBuilder b = Response.status(((Number) r[2]).intValue()).header(REPLAYED_HEADER, "true");
        if (r[6] != null) {
            b.entity(sealer.isResolvable() ? sealer.get().open((String) r[6]) : r[6]);
        }
        if (r[3] != null) {
            b.type((String) r[3]);
        }
        if (r[4] != null) {
            b.header(HttpHeaders.LOCATION, r[4]);
        }
        if (r[5] != null) {
            b.header(HttpHeaders.ETAG, r[5]);
        }
        return b.build();
    }

    /**
     * A 2xx answer was stored with the change, in its transaction ({@link IdempotentInterceptor});
     * any other outcome releases the key, so the client may fix its input and retry with it.
     */
    @ServerResponseFilter
    public void complete(ContainerResponseContext response) {
        CurrentClaim.Claim claim = current.get();
        if (claim == null) {
            return;
        }
        boolean completed = current.completed();
        current.clear();
        if (completed) {
            return;
        }
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            // never expected: every @Idempotent method runs through the interceptor
            LOG.warnf("an idempotent request answered %d without storing its answer; its key is released",
                    response.getStatus());
        }
        try {
            store.release(claim);
        } catch (RuntimeException e) {
            // the in-flight timeout frees it
            LOG.warnf("could not release an Idempotency-Key: %s", e.getClass().getName());
        }
    }

    /** What a key is bound to: method, path with query, and the body bytes. */
    public static String hash(String method, String target, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

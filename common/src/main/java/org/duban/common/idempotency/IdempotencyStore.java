package org.duban.common.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import org.duban.common.http.PublicLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Writes a claimed key's first answer ({@code idempotency_key}), in the caller's transaction. */
@ApplicationScoped
public class IdempotencyStore {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<StoredResponseSealer> sealer;

    /**
     * Completes the key with the answer; the entity is stored as the client receives it (JSON of
     * the entity, sealed when the service has a {@link StoredResponseSealer}). The Location is kept
     * as a path: {@link PublicLocation} puts the public base before it on every answer, a replay too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(CurrentClaim.Claim claim, int status, Object entity, MediaType type, String location, String etag) {
        String answer = body(entity);
        String body = answer == null || !sealer.isResolvable() ? answer : sealer.get().seal(answer);
        String contentType = type != null ? type.toString() : answer == null ? null : MediaType.APPLICATION_JSON;
        em.createNativeQuery("""
                        UPDATE idempotency_key SET completed_at = now(), status = ?3, content_type = ?4,
                               location = ?5, etag = ?6, body = ?7
                        WHERE scope = ?1 AND idem_key = ?2""")
                .setParameter(1, claim.scope()).setParameter(2, claim.key()).setParameter(3, status)
                .setParameter(4, contentType)
                .setParameter(5, location == null ? null : PublicLocation.of(location, Optional.empty()))
                .setParameter(6, etag).setParameter(7, body)
                .executeUpdate();
    }

    /** Frees a key still in flight (its request failed): a retry with it runs again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(CurrentClaim.Claim claim) {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE scope = ?1 AND idem_key = ?2 AND completed_at IS NULL")
                .setParameter(1, claim.scope()).setParameter(2, claim.key()).executeUpdate();
    }

    /** The body as the client receives it: JSON of the entity, as the JSON provider writes it. */
    private String body(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof String s) {
            return s;
        }
        if (entity instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsString(entity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

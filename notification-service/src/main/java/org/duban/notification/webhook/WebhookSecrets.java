package org.duban.notification.webhook;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import jakarta.persistence.EntityManager;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * The signing secrets at rest: the cipher made from {@code duban.webhooks.secret-key}, the start
 * check (no key, no start — as without a JWT key, {@code JwtKeyCheck}, which runs first), and the
 * re-encryption at start of every row still in plain text (stored before encryption) or under an
 * earlier key.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    @Inject
    WebhookConfig config;

    @Inject
    EntityManager em;

    private volatile SecretCipher cipher;

    public SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            String key = config.secretKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "No key to encrypt webhook secrets with: set DUBAN_WEBHOOKS_SECRET_KEY (duban.webhooks.secret-key) to "
                            + "base64 of 32 random bytes, e.g. `openssl rand -base64 32`; the local run keeps one in "
                            + ".duban/keys/webhook-secret.key"));
            c = new SecretCipher(key, config.previousSecretKeys().orElse(List.of()));
            cipher = c;
        }
        return c;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent start) {
        cipher();
        int n = reencrypt();
        if (n > 0) {
            LOG.infof("encrypted the signing secrets of %d webhook endpoint(s) with the current key", n);
        }
    }

    /**
     * Re-encrypts with the current key every row in plain text or under an earlier key; how many.
     * Every row is read, so a key that cannot read what is stored stops the start with an error
     * instead of failing each call later. A row changed meanwhile (a rotation) is left alone: it
     * was written with the current key.
     */
    @SuppressWarnings("unchecked")
    public int reencrypt() {
        SecretCipher c = cipher();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("SELECT id, secret, previous_secret FROM webhook_endpoint")
                    .getResultList();
            int changed = 0;
            for (Object[] r : rows) {
                String secret = (String) r[1];
                String previous = (String) r[2];
                if (c.isCurrent(secret) && c.isCurrent(previous)) {
                    continue;
                }
                // the version stays: the secrets themselves do not change
                changed += em.createNativeQuery("""
                                UPDATE webhook_endpoint SET secret = ?1, previous_secret = CAST(?2 AS TEXT)
                                WHERE id = ?3 AND secret = ?4 AND previous_secret IS NOT DISTINCT FROM CAST(?5 AS TEXT)""")
                        .setParameter(1, c.encrypt(c.decrypt(secret)))
                        .setParameter(2, c.encrypt(c.decrypt(previous)))
                        .setParameter(3, (UUID) r[0])
                        .setParameter(4, secret)
                        .setParameter(5, previous)
                        .executeUpdate();
            }
            return changed;
        });
    }

    /** Maps the secret columns: ciphertext in the database, the secret in the entity. */
    @Converter
    public static class Column implements AttributeConverter<String, String> {

        private static SecretCipher cipher() {
            return Arc.container().instance(WebhookSecrets.class).get().cipher();
        }

        @Override
        public String convertToDatabaseColumn(String secret) {
            return secret == null ? null : cipher().encrypt(secret);
        }

        @Override
        public String convertToEntityAttribute(String stored) {
            return stored == null ? null : cipher().decrypt(stored);
        }
    }
}

package org.duban.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.idempotency.StoredResponseSealer;

/**
 * The stored first answer of an idempotent POST /webhooks holds the new endpoint's signing secret:
 * it is kept encrypted with the same key as the endpoints' secrets, so the secret is in plain text
 * nowhere in the database.
 */
@ApplicationScoped
public class ReplaySealer implements StoredResponseSealer {

    @Inject
    WebhookSecrets secrets;

    @Override
    public String seal(String body) {
        return secrets.cipher().encrypt(body);
    }

    @Override
    public String open(String stored) {
        return secrets.cipher().decrypt(stored);
    }
}

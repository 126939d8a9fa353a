package org.duban.common.idempotency;

/**
 * Seals the body of an idempotent request's first answer before it is stored for replays, and
 * opens it when it is replayed. A service whose answers carry secrets (notification-service: a new
 * webhook's signing secret) provides one bean, so the secret is never at rest in plain text in
 * {@code idempotency_key}; without a bean bodies are stored as they are.
 */
public interface StoredResponseSealer {

    String seal(String body);

    String open(String stored);
}

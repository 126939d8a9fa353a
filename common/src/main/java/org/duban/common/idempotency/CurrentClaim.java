package org.duban.common.idempotency;

import jakarta.enterprise.context.RequestScoped;

/**
 * The Idempotency-Key this request owns (claimed by {@link IdempotencyFilters#claim}), for
 * {@link IdempotentInterceptor} to complete inside the business transaction and for the response
 * filter to release when the request failed.
 */
@RequestScoped
public class CurrentClaim {

    record Claim(String scope, String key) {
    }

    private Claim claim;
    private boolean completed;

    void set(Claim claim) {
        this.claim = claim;
        this.completed = false;
    }

    /** The claim, or null when this request owns no key. */
    Claim get() {
        return claim;
    }

    /** The response was stored in the business transaction (it commits with it, or neither does). */
    void markCompleted() {
        completed = true;
    }

    boolean completed() {
        return completed;
    }

    void clear() {
        claim = null;
        completed = false;
    }
}

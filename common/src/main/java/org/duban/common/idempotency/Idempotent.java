package org.duban.common.idempotency;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that creates: with an {@code Idempotency-Key} header, a repeat of the same request
 * returns the first response instead of creating again ({@link IdempotencyFilters}; rules in
 * docs/api-guide.md). Without the header nothing changes. With it, the method runs in one
 * transaction with the storing of its answer ({@link IdempotentInterceptor}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {

    /** The OpenAPI description of the header, for {@code @Parameter} on each marked endpoint. */
    String DESCRIPTION = "Optional. The same key with the same request returns the first 2xx response "
            + "(Idempotent-Replayed: true) without creating again; with another request: 422 "
            + "idempotency-key-reused; while the first is in progress: 409 idempotency-key-in-flight. Kept 24 h.";
}

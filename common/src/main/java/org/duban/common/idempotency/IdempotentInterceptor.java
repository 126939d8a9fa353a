package org.duban.common.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.Callable;

/**
 * Runs an {@link Idempotent} resource method that owns a key in ONE transaction with the storing of
 * its 2xx answer: the change and the completed key commit together or not at all. Completing the
 * key after the commit (as a response filter did) left a window: a crash there left the key in
 * flight, and a retry after the in-flight timeout ran the create a second time.
 * Outermost (before {@code @Transactional}, PLATFORM_BEFORE + 200), so the services' own
 * {@code @Transactional} methods join this transaction.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotentInterceptor {

    @Inject
    CurrentClaim current;

    @Inject
    IdempotencyStore store;

    @AroundInvoke
    Object inOneTransaction(InvocationContext ctx) throws Exception {
        CurrentClaim.Claim claim = current.get();
        if (claim == null) {
            return ctx.proceed();
        }
        boolean[] stored = {false};
        Callable<Object> work = () -> {
            Object result = ctx.proceed();
            if (result instanceof Response r) {
                if (r.getStatus() >= 200 && r.getStatus() < 300) {
                    store.complete(claim, r.getStatus(), r.getEntity(), r.getMediaType(),
                            r.getLocation() == null ? null : r.getLocation().toString(), r.getHeaderString(HttpHeaders.ETAG));
                    stored[0] = true;
                }
            } else {
                store.complete(claim, result == null ? 204 : 200, result, null, null, null);
                stored[0] = true;
            }
            return result;
        };
        Object result;
        try {
            result = QuarkusTransaction.joiningExisting().call(work);
        } catch (QuarkusTransactionException e) {
            // a checked exception of the method travels wrapped: hand it on as it was thrown
            if (e.getCause() instanceof Exception cause && !(cause instanceof RuntimeException)) {
                throw cause;
            }
            throw e;
        }
        if (stored[0]) {
            // only once committed: a failed commit leaves the key for the response filter to release
            current.markCompleted();
        }
        return result;
    }
}

package org.duban.task.history;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import org.duban.common.security.CurrentCaller;

/**
 * Who acts in this request, as history rows and events record it: the verified bearer JWT's
 * subject ({@code unit:sfj}, {@code integration:oa}, {@code supervisor:local}); {@code system}
 * outside an HTTP request (reminder passes, consumers). Nothing the client sends besides its token
 * names the actor: every endpoint that writes requires a token, so {@value #ANONYMOUS} is only seen
 * on a request that changes nothing.
 */
@RequestScoped
public class Actor {

    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";

    @Inject
    CurrentVertxRequest request;

    @Inject
    CurrentCaller callers;

    private Caller caller;

    private String name;

    /** The actor's name (the token's subject, at most 200 characters). */
    public String name() {
        if (name == null) {
            if (request.getCurrent() == null) {
                name = SYSTEM;
                return name;
            }
            caller = callers.get();
            if (caller.anonymous()) {
                name = ANONYMOUS;
            } else {
                name = caller.subject().length() > 200 ? caller.subject().substring(0, 200) : caller.subject();
            }
        }
        return name;
    }

    /** The unit of a unit-operator's token ({@code unit} claim), else null. */
    public String unitCode() {
        name();
        if (caller != null && caller.hasRole(Caller.UNIT_OPERATOR) && caller.unitCodes().size() == 1) {
            return caller.unitCodes().iterator().next();
        }
        return null;
    }
}

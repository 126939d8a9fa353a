package org.duban.task.history;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.duban.common.security.Caller;
import org.duban.common.security.CurrentCaller;

/**
 * Who acts in this request, as history rows and events record it: {@code unit:sfj},
 * {@code supervisor:张三}, or {@code anonymous}.
 * <p>
 * The verified bearer JWT's subject when a token is sent ({@link CurrentCaller}); without one,
 * TEMPORARILY (until authentication is enforced, issue 7) the request header {@value #HEADER},
 * which anyone can set.
 */
@RequestScoped
public class Actor {

    public static final String HEADER = "X-Duban-Actor";
    public static final String ANONYMOUS = "anonymous";

    @Inject
    CurrentVertxRequest request;

    @Inject
    CurrentCaller callers;

    private Caller caller;

    private String name;

    /** The actor's name; {@code system} outside an HTTP request. */
    public String name() {
        if (name == null) {
            RoutingContext rc = request.getCurrent();
            if (rc == null) {
                name = "system";
                return name;
            }
            caller = callers.get();
            if (!caller.anonymous()) {
                name = caller.subject().length() > 200 ? caller.subject().substring(0, 200) : caller.subject();
                return name;
            }
            String h = utf8(rc.request().getHeader(HEADER));
            name = h == null || h.isBlank() ? ANONYMOUS : h.strip();
            if (name.length() > 200) {
                name = name.substring(0, 200);
            }
        }
        return name;
    }

    /** HTTP hands header bytes over as ISO-8859-1; clients send names such as 张三 as UTF-8. */
    static String utf8(String h) {
        if (h == null) {
            return null;
        }
        String decoded = new String(h.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') >= 0 ? h : decoded;
    }

    /** The unit code when the actor is {@code unit:<code>}, else null. */
    public String unitCode() {
        String n = name();
        if (caller != null && caller.hasRole(Caller.UNIT_OPERATOR) && caller.unitCodes().size() == 1) {
            return caller.unitCodes().iterator().next();
        }
        return n.startsWith("unit:") && n.length() > 5 ? n.substring(5) : null;
    }
}

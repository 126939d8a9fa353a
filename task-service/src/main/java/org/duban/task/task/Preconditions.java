package org.duban.task.task;

import org.duban.common.version.IfMatch;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;


/**
 * The request's optional {@code If-Match} (an assignment's version, as its ETag gives it: {@code "3"}).
 * Lifecycle actions are safe without it (the row is locked and the state machine decides); a client
 * sends it to act only on the version it has seen, and gets 412 otherwise.
 */
@RequestScoped
public class Preconditions {

    /** The 412 answer of every assignment action, as the resources document it. */
    public static final String STALE = "If-Match (optional on every action) names an older version";

    @Inject
    CurrentVertxRequest request;

    /** The version in If-Match, or null when none was sent (or outside HTTP). */
    public Long expectedVersion() {
        RoutingContext rc = request.getCurrent();
        return IfMatch.version(rc == null ? null : rc.request().getHeader(IfMatch.HEADER));
    }

    public void check(Assignment a) {
        Long expected = expectedVersion();
        if (expected != null && expected != a.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The assignment is at version " + a.version + ", not " + expected + ": read it again");
        }
    }
}

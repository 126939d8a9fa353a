package org.duban.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Answers an over-sized body with a 413 problem before the HTTP layer refuses it with an empty
 * body (that refusal happens below JAX-RS, where exception mappers cannot reach). Bodies
 * announced by Content-Length are caught here; a chunked body past the limit still gets the
 * HTTP layer's bare 413.
 */
@ApplicationScoped
public class PayloadTooLargeFilter {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long max = maxBodySize.get().asLongValue();
        filters.register(rc -> {
            long declared = declaredLength(rc);
            if (declared <= max) {
                rc.next();
                return;
            }
            refuse(rc, json, "The body has " + declared + " bytes; the limit is " + max);
        }, 1000);
    }

    /** The request's Content-Length, or -1 when it announces none (or an unreadable one). */
    public static long declaredLength(io.vertx.ext.web.RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers 413 problem+json ({@code payload-too-large}) and closes the connection: the body is not read. */
    public static void refuse(io.vertx.ext.web.RoutingContext rc, ObjectMapper json, String detail) {
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        Problem p = new Problem(type.uri(), type.title(), 413, detail, rc.request().path(), List.of());
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"" + type.uri() + "\",\"status\":413}";
        }
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}

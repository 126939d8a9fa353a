package org.duban.task.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTTP body limit ({@code quarkus.http.limits.max-body-size}) is raised to fit a progress report with its
 * evidence files (issue 19); every other request keeps the smaller {@code duban.http.default-max-body-size}
 * (10M, what the service allowed before) when it announces its length. Runs before common's
 * {@code PayloadTooLargeFilter} and answers the same way: a 413 problem before the body is read.
 * A chunked body (no Content-Length) to another endpoint is bounded by the HTTP limit only.
 */
@ApplicationScoped
public class OtherBodiesLimit {

    /** The one request that may be larger: a multipart report with files. */
    static final Pattern EVIDENCE_UPLOAD = Pattern.compile("^/api/v1/assignments/[^/]+/progress-reports/?$");

    @ConfigProperty(name = "duban.http.default-max-body-size", defaultValue = "10M")
    MemorySize defaultMax;

    @Inject
    ObjectMapper json;

    void register(@Observes Filters filters) {
        long max = defaultMax.asLongValue();
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared <= max || isEvidenceUpload(rc.request().method(), rc.request().path(),
                    rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                rc.next();
                return;
            }
            ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
            Problem p = new Problem(type.uri(), type.title(), 413,
                    "The body has " + declared + " bytes; the limit for this request is " + max, rc.request().path(), List.of());
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
        }, 1100);
    }

    static boolean isEvidenceUpload(HttpMethod method, String path, String contentType) {
        return HttpMethod.POST.equals(method) && path != null && EVIDENCE_UPLOAD.matcher(path).matches()
                && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }
}

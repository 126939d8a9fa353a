package org.duban.task.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.duban.common.problem.PayloadTooLargeFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
            long declared = PayloadTooLargeFilter.declaredLength(rc);
            if (declared <= max || isEvidenceUpload(rc.request().method(), rc.request().path(),
                    rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                rc.next();
                return;
            }
            PayloadTooLargeFilter.refuse(rc, json,
                    "The body has " + declared + " bytes; the limit for this request is " + max);
        }, 1100);
    }

    static boolean isEvidenceUpload(HttpMethod method, String path, String contentType) {
        return HttpMethod.POST.equals(method) && path != null && EVIDENCE_UPLOAD.matcher(path).matches()
                && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }
}

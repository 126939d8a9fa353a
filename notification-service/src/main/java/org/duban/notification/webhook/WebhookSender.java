package org.duban.notification.webhook;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.tracing.TracingPolicy;
import org.duban.notification.NotificationConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.tracing.StoredTrace;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.Outcome;
import org.duban.notification.delivery.Sender;
import org.duban.notification.delivery.RetryPolicy;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One webhook call: POST the delivery's payload to its endpoint with the Standard Webhooks headers.
 * {@code webhook-id} is the delivery id (the same on every attempt: the receiver's idempotency key),
 * {@code webhook-timestamp} is the time of this attempt, {@code webhook-signature} one {@code v1}
 * signature per signing secret. Before each call the URL is checked again and its host resolved
 * once ({@link TargetValidator}); the call goes to a checked address ({@link WebhookHttp}), so a
 * name that answers differently the second time (DNS rebinding) gains nothing. Redirects are not
 * followed (they could lead to a private address); at most {@code max-response-bytes} of an answer
 * are read.
 * <p>
 * The call is a CLIENT span continuing the trace the delivery was written in (its stored
 * {@code traceparent}), and the receiver gets that span's {@code traceparent} header.
 */
@ApplicationScoped
public class WebhookSender implements Sender {

    @Inject
    WebhookConfig config;

    @Inject
    NotificationConfig deliveries;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @Inject
    TargetValidator validator;

    @Inject
    OpenTelemetry otel;

    @Inject
    Tracer tracer;

    @Inject
    WebhookService endpoints;

    WebhookHttp http;

    @PostConstruct
    void init() {
        // Vert.x's own client tracing would start from the worker's (empty) context: the span is made in send();
        // several endpoints may live on one server (the city OA system): as many calls to it as the worker makes
        http = new WebhookHttp(vertx, new HttpClientOptions().setTracingPolicy(TracingPolicy.IGNORE),
                config.timeout(), config.maxResponseBytes(), deliveries.deliveries().maxConcurrent());
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public String channel() {
        return Delivery.WEBHOOK;
    }

    @Override
    public Duration timeout() {
        return config.timeout();
    }

    /** The deliveries' endpoints, read in one query (in the worker's transaction that starts the attempts). */
    @Override
    public Map<UUID, Call> prepare(List<Delivery> deliveries) {
        List<UUID> ids = deliveries.stream().map(d -> d.endpointId).filter(Objects::nonNull).distinct().toList();
        // by id (id = any(array)), the SQL built once: an HQL "in" list was translated again per claim (issue 16)
        Map<UUID, WebhookEndpoint> byId = ids.isEmpty() ? Map.of()
                : WebhookEndpoint.getEntityManager().unwrap(Session.class).findMultiple(WebhookEndpoint.class, ids).stream()
                        .filter(Objects::nonNull)
                        .collect(Collectors.toMap(e -> e.id, Function.identity()));
        Map<UUID, Call> calls = new HashMap<>();
        for (Delivery d : deliveries) {
            WebhookEndpoint e = d.endpointId == null ? null : byId.get(d.endpointId);
            calls.put(d.id, () -> send(d, e));
        }
        return calls;
    }

    /** 410 Gone: the endpoint is disabled (in the transaction recording the outcome). */
    @Override
    public void gone(Delivery d) {
        if (d.endpointId != null) {
            endpoints.disableGone(d.endpointId, d.target);
        }
    }

    /**
     * The call, with the delivery's endpoint as read when the attempt was written IN_FLIGHT ({@code null}:
     * deleted), so a call needs no transaction of its own.
     */
    public Outcome send(Delivery d, WebhookEndpoint e) {
        if (e == null) {
            return Outcome.endpointDisabled("the endpoint was deleted");
        }
        if (!e.enabled) {
            return Outcome.endpointDisabled("the endpoint is disabled: " + e.disabledReason);
        }
        TargetValidator.Target target;
        try {
            target = validator.check(e.url);
        } catch (TargetValidator.Refused refused) {
            return Outcome.permanent(null, "refused: " + refused.getMessage(), false);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long ts = now.toEpochSecond();
        String msgId = d.id.toString();
        List<String> secrets = WebhookService.signingSecrets(e, now);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "Duban-Webhooks/1.0");
        headers.put("webhook-id", msgId);
        headers.put("webhook-timestamp", Long.toString(ts));
        headers.put("webhook-signature", WebhookSignature.header(secrets, msgId, ts, d.payload));
        Span span = tracer.spanBuilder("POST")
                .setParent(new StoredTrace(d.traceparent, d.tracestate).restore(otel))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "POST")
                .setAttribute("server.address", target.host())
                .setAttribute("server.port", (long) target.port())
                .setAttribute("duban.delivery.id", msgId)
                .startSpan();
        // the receiver may continue the trace: this call's span as its parent
        otel.getPropagators().getTextMapPropagator().inject(Context.root().with(span), headers, Map::put);
        WebhookHttp.Answer response = null;
        String failure = null;
        try {
            // the checked addresses in the resolver's order; the next only when one refuses the connection
            for (int i = 0; response == null && i < target.addresses().size(); i++) {
                try {
                    response = http.post(target, target.addresses().get(i), headers, d.payload);
                } catch (WebhookHttp.Failed failed) {
                    failure = failed.getMessage();
                    if (!WebhookHttp.COULD_NOT_CONNECT.equals(failure)) {
                        break;
                    }
                }
            }
        } finally {
            if (response != null) {
                span.setAttribute("http.response.status_code", (long) response.status());
            }
            if (response == null || response.status() >= 400) {
                span.setStatus(StatusCode.ERROR, response == null ? failure : null);
            }
            span.end();
        }
        if (response == null) {
            return Outcome.failure(null, failure, null);
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return Outcome.success(status);
        }
        if (status == 410) {
            return Outcome.permanent(status, "410 Gone: the endpoint is disabled", true);
        }
        String body = response.body() == null ? "" : response.body();
        String error = "HTTP " + status + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        return Outcome.failure(status, error, RetryPolicy.parseRetryAfter(response.retryAfter(), now.toInstant()));
    }
}

package org.duban.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import org.duban.notification.NotificationConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryWorker;
import org.duban.notification.delivery.RetryPolicy;

import java.time.Clock;
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
 */
@ApplicationScoped
public class WebhookSender {

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

    WebhookHttp http;

    @PostConstruct
    void init() {
        // several endpoints may live on one server (the city OA system): as many calls to it as the worker makes
        http = new WebhookHttp(vertx, new HttpClientOptions(), config.timeout(), config.maxResponseBytes(),
                deliveries.deliveries().maxConcurrent());
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public DeliveryWorker.Outcome send(Delivery d) {
        WebhookEndpoint e = d.endpointId == null ? null
                : QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.<WebhookEndpoint>findById(d.endpointId));
        if (e == null) {
            return DeliveryWorker.Outcome.permanent(null, "the endpoint was deleted", false);
        }
        if (!e.enabled) {
            return DeliveryWorker.Outcome.permanent(null, "the endpoint is disabled: " + e.disabledReason, false);
        }
        TargetValidator.Target target;
        try {
            target = validator.check(e.url);
        } catch (TargetValidator.Refused refused) {
            return DeliveryWorker.Outcome.permanent(null, "refused: " + refused.getMessage(), false);
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
        WebhookHttp.Answer response = null;
        String failure = null;
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
        if (response == null) {
            return DeliveryWorker.Outcome.failure(null, failure, null);
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return DeliveryWorker.Outcome.success(status);
        }
        if (status == 410) {
            return DeliveryWorker.Outcome.permanent(status, "410 Gone: the endpoint is disabled", true);
        }
        String body = response.body() == null ? "" : response.body();
        String error = "HTTP " + status + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        return DeliveryWorker.Outcome.failure(status, error, RetryPolicy.parseRetryAfter(response.retryAfter(), now.toInstant()));
    }
}

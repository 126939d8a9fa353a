package org.duban.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryWorker;
import org.duban.notification.delivery.RetryPolicy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One webhook call: POST the delivery's payload to its endpoint with the Standard Webhooks headers.
 * {@code webhook-id} is the delivery id (the same on every attempt: the receiver's idempotency key),
 * {@code webhook-timestamp} is the time of this attempt, {@code webhook-signature} one {@code v1}
 * signature per signing secret. Redirects are not followed (they could lead to a private address).
 */
@ApplicationScoped
public class WebhookSender {

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    HttpClient http;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
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
        Optional<String> refused = TargetValidator.problem(e.url, config.allowPrivateTargets(), TargetValidator.DNS);
        if (refused.isPresent()) {
            return DeliveryWorker.Outcome.permanent(null, "refused: " + refused.get(), false);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long ts = now.toEpochSecond();
        String msgId = d.id.toString();
        List<String> secrets = WebhookService.signingSecrets(e, now);
        HttpRequest request = HttpRequest.newBuilder(URI.create(e.url))
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "Duban-Webhooks/1.0")
                .header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(ts))
                .header("webhook-signature", WebhookSignature.header(secrets, msgId, ts, d.payload))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException ex) {
            return DeliveryWorker.Outcome.failure(null, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return DeliveryWorker.Outcome.failure(null, "interrupted", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return DeliveryWorker.Outcome.success(status);
        }
        if (status == 410) {
            return DeliveryWorker.Outcome.permanent(status, "410 Gone: the endpoint is disabled", true);
        }
        String body = response.body() == null ? "" : response.body();
        String error = "HTTP " + status + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        return DeliveryWorker.Outcome.failure(status, error,
                RetryPolicy.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null), now.toInstant()));
    }
}

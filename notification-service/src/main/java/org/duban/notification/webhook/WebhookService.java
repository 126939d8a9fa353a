package org.duban.notification.webhook;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook endpoints: register (URL checked, secret made), change, rotate the secret, remove. */
@ApplicationScoped
@Transactional
public class WebhookService {

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    public WebhookApi.CreatedEndpoint create(WebhookApi.NewEndpoint req) {
        checkUrl(req.url());
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = UUID.randomUUID();
        e.url = req.url().trim();
        e.unitCode = req.unitCode() == null || req.unitCode().isBlank() ? null : req.unitCode().trim();
        e.eventTypes = req.eventTypes() == null ? new ArrayList<>() : new ArrayList<>(req.eventTypes());
        e.description = req.description();
        e.secret = WebhookSignature.newSecret();
        e.createdAt = OffsetDateTime.now(clock);
        e.persist();
        return new WebhookApi.CreatedEndpoint(WebhookApi.Endpoint.of(e), e.secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookApi.Endpoint> list(String unitCode) {
        List<WebhookEndpoint> rows = unitCode == null
                ? WebhookEndpoint.listAll(Sort.ascending("createdAt", "id"))
                : WebhookEndpoint.list("unitCode = ?1", Sort.ascending("createdAt", "id"), unitCode);
        return rows.stream().map(WebhookApi.Endpoint::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookApi.Endpoint get(UUID id) {
        return WebhookApi.Endpoint.of(find(id));
    }

    public WebhookApi.Endpoint update(UUID id, WebhookApi.EndpointUpdate req) {
        WebhookEndpoint e = find(id);
        if (req.version() != null && req.version() != e.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "Endpoint " + id + " is at version " + e.version + ", not " + req.version());
        }
        checkUrl(req.url());
        e.url = req.url().trim();
        e.eventTypes = req.eventTypes() == null ? new ArrayList<>() : new ArrayList<>(req.eventTypes());
        e.description = req.description();
        if (req.enabled() && !e.enabled) {
            e.disabledReason = null;
        }
        e.enabled = req.enabled();
        if (!e.enabled && e.disabledReason == null) {
            e.disabledReason = "disabled through the API";
        }
        return WebhookApi.Endpoint.of(e);
    }

    /**
     * A new secret; the old one keeps signing beside it for the overlap, so a receiver that still
     * checks with the old secret keeps accepting messages until it is switched (no downtime).
     */
    public WebhookApi.RotatedSecret rotate(UUID id) {
        WebhookEndpoint e = find(id);
        e.previousSecret = e.secret;
        e.previousSecretUntil = OffsetDateTime.now(clock).plus(config.rotationOverlap());
        e.secret = WebhookSignature.newSecret();
        return new WebhookApi.RotatedSecret(e.secret, e.previousSecretUntil);
    }

    public void delete(UUID id) {
        find(id).delete();
    }

    /** Disables an endpoint that answered 410 Gone; its pending deliveries become dead letters when due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void disableGone(UUID id, String url) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e != null && e.enabled) {
            e.enabled = false;
            e.disabledReason = "the receiver answered 410 Gone at " + OffsetDateTime.now(clock) + " (" + url + ")";
        }
    }

    /** The secrets that sign a message now: the current one, and the previous one during the overlap. */
    public static List<String> signingSecrets(WebhookEndpoint e, OffsetDateTime now) {
        List<String> out = new ArrayList<>();
        out.add(e.secret);
        if (e.previousSecret != null && e.previousSecretUntil != null && now.isBefore(e.previousSecretUntil)) {
            out.add(e.previousSecret);
        }
        return out;
    }

    private void checkUrl(String url) {
        Optional<String> problem = TargetValidator.problem(url, config.allowPrivateTargets(), TargetValidator.DNS);
        if (problem.isPresent()) {
            throw new ProblemException(ProblemType.VALIDATION, "The webhook URL cannot be used: " + problem.get(),
                    List.of(new Problem.FieldError("url", problem.get(), url)));
        }
    }

    private static WebhookEndpoint find(UUID id) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e == null) {
            throw ProblemException.notFound("No webhook endpoint " + id);
        }
        return e;
    }
}

package org.duban.notification.webhook;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook endpoints: register (URL checked, secret made), change, rotate the secret, remove.
 * <p>
 * Whose they are: an endpoint belongs to its unit ({@code unitCode}); a global one (no unit) to the
 * supervising office. Reading one needs {@link Access#requireRead} of its unit, changing one
 * {@link Access#requireActFor} — so a unit's operator or integration manages only its own units'
 * endpoints, a viewer reads all and changes none, and only a supervisor touches global ones. The
 * secret is in the answers of create and rotate only, and is never logged.
 */
@ApplicationScoped
@Transactional
public class WebhookService {

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    TargetValidator validator;

    @Inject
    jakarta.persistence.EntityManager em;

    public WebhookApi.CreatedEndpoint create(WebhookApi.NewEndpoint req) {
        String unitCode = req.unitCode() == null || req.unitCode().isBlank() ? null : req.unitCode().trim();
        access.requireActFor(unitCode, unitCode == null ? "A global webhook endpoint (no unitCode)"
                : "A webhook endpoint of unit '" + unitCode + "'");
        checkUrl(req.url());
        requireRoom(unitCode);
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = UUID.randomUUID();
        e.url = req.url().trim();
        e.unitCode = unitCode;
        e.eventTypes = req.eventTypes() == null ? new ArrayList<>() : new ArrayList<>(req.eventTypes());
        e.description = req.description();
        e.secret = WebhookSignature.newSecret();
        e.createdAt = OffsetDateTime.now(clock);
        e.persist();
        return new WebhookApi.CreatedEndpoint(WebhookApi.Endpoint.of(e), e.secret);
    }

    /**
     * The endpoints (one unit's when {@code unitCode} is given) the caller may read: all for a
     * supervisor or viewer, else only those of the caller's units (global ones are not theirs).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookApi.Endpoint> list(String unitCode) {
        Sort order = Sort.ascending("createdAt", "id");
        List<WebhookEndpoint> rows;
        if (unitCode != null && !unitCode.isBlank()) {
            access.requireRead(unitCode, "The webhook endpoints of unit '" + unitCode + "'");
            rows = WebhookEndpoint.list("unitCode = ?1", order, unitCode);
        } else {
            Set<String> readable = access.caller().readableUnits();
            rows = readable == null ? WebhookEndpoint.listAll(order)
                    : readable.isEmpty() ? List.of()
                    : WebhookEndpoint.list("unitCode in ?1", order, readable);
        }
        return rows.stream().map(WebhookApi.Endpoint::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookApi.Endpoint get(UUID id) {
        WebhookEndpoint e = find(id);
        access.requireRead(e.unitCode, what(e));
        return WebhookApi.Endpoint.of(e);
    }

    /**
     * Replaces the endpoint's URL, event types, description and enabled — only at the version the
     * caller read ({@code expectedVersion}: If-Match or the body's version), so two people changing
     * one endpoint never silently overwrite each other: stale is a 412, none a 428.
     */
    public WebhookApi.Endpoint update(UUID id, WebhookApi.EndpointUpdate req, Long expectedVersion) {
        WebhookEndpoint e = findToChange(id);
        if (expectedVersion == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the version read: If-Match: \"" + e.version + "\" or \"version\" in the body");
        }
        if (expectedVersion != e.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "Endpoint " + id + " is at version " + e.version + ", not " + expectedVersion + ": read it again");
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
        try {
            WebhookEndpoint.flush(); // the answer (and its ETag) shows the new version
        } catch (OptimisticLockException raced) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "Endpoint " + id + " was changed by someone else meanwhile: read it again");
        }
        return WebhookApi.Endpoint.of(e);
    }

    /**
     * A new secret; the old one keeps signing beside it for the overlap, so a receiver that still
     * checks with the old secret keeps accepting messages until it is switched (no downtime).
     */
    public WebhookApi.RotatedSecret rotate(UUID id) {
        WebhookEndpoint e = findToChange(id);
        e.previousSecret = e.secret;
        e.previousSecretUntil = OffsetDateTime.now(clock).plus(config.rotationOverlap());
        e.secret = WebhookSignature.newSecret();
        return new WebhookApi.RotatedSecret(e.secret, e.previousSecretUntil);
    }

    public void delete(UUID id) {
        findToChange(id).delete();
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

    /** The refusal names no address the host resolved to: the caller learns nothing of the network. */
    private void checkUrl(String url) {
        try {
            validator.check(url);
        } catch (TargetValidator.Refused refused) {
            throw new ProblemException(ProblemType.VALIDATION, "The webhook URL cannot be used: " + refused.getMessage(),
                    List.of(new Problem.FieldError("url", refused.getMessage(), url)));
        }
    }

    /**
     * At most {@code max-endpoints-per-unit} endpoints per unit (global ones count together): each
     * notification is sent to every one, one after the other. Creations for one unit are serialised
     * by a transaction-scoped advisory lock, so two at once cannot both take the last place.
     */
    private void requireRoom(String unitCode) {
        String scope = unitCode == null ? "" : unitCode;
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) AS locked")
                .setParameter(1, "webhook-endpoints:" + scope).getSingleResult();
        long count = unitCode == null ? WebhookEndpoint.count("unitCode is null") : WebhookEndpoint.count("unitCode", unitCode);
        int max = config.maxEndpointsPerUnit();
        if (count >= max) {
            String whose = unitCode == null ? "There are" : "Unit '" + unitCode + "' has";
            throw new ProblemException(ProblemType.WEBHOOK_ENDPOINT_LIMIT,
                    whose + " " + count + " webhook endpoints" + (unitCode == null ? " without a unit (global)" : "")
                            + ", the most allowed: remove one before registering another",
                    List.of(new Problem.FieldError("unitCode", "at most " + max + " webhook endpoints per unit", unitCode)),
                    java.util.Map.of("maxEndpoints", max));
        }
    }

    /** The endpoint, if the caller may act for its unit (a global one: supervisor only), else a 403. */
    private WebhookEndpoint findToChange(UUID id) {
        WebhookEndpoint e = find(id);
        access.requireActFor(e.unitCode, what(e));
        return e;
    }

    private static String what(WebhookEndpoint e) {
        return e.unitCode == null ? "Webhook endpoint " + e.id + " (global)" : "Webhook endpoint " + e.id;
    }

    private static WebhookEndpoint find(UUID id) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e == null) {
            throw ProblemException.notFound("No webhook endpoint " + id);
        }
        return e;
    }
}

package org.duban.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duban.notification.routing.EventTypes;
import org.duban.common.unit.UnitCodes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The API bodies of webhook endpoints and dead letters. Secrets appear only in {@link CreatedEndpoint}/{@link RotatedSecret}. */
public final class WebhookApi {
    private WebhookApi() {
    }

    /** More subscriptions than there are event types is a mistake. */
    static final int MAX_EVENT_TYPES = 50;

    @Schema(name = "NewWebhookEndpoint")
    public record NewEndpoint(
            @NotBlank @Size(max = 2000) @Schema(examples = "https://oa.zhuhai.example/duban/webhook") String url,
            @Pattern(regexp = UnitCodes.PATTERN, message = UnitCodes.MESSAGE)
            @Schema(description = "The unit whose notifications it receives; absent: every unit's (global, supervisor only)", examples = "sfj") String unitCode,
            @Size(max = MAX_EVENT_TYPES)
            @Schema(description = "Subscribed event types; empty or absent: all", examples = "[\"task.assigned\", \"task.urged\"]")
            List<@NotBlank @Size(max = EventTypes.MAX) @Pattern(regexp = EventTypes.PATTERN, message = EventTypes.MESSAGE) String> eventTypes,
            @Size(max = 500) @Schema(examples = "市司法局OA系统") String description) {
    }

    @Schema(name = "WebhookEndpointUpdate", description = "Replaces url, event types, description and enabled")
    public record EndpointUpdate(
            @Schema(examples = "https://oa.zhuhai.gov.cn/duban/webhook") @NotBlank @Size(max = 2000) String url,
            @Schema(description = "Event types to receive; empty: all", examples = "[\"task.assigned\", \"task.urged\"]")
            @Size(max = MAX_EVENT_TYPES)
            List<@NotBlank @Size(max = EventTypes.MAX) @Pattern(regexp = EventTypes.PATTERN, message = EventTypes.MESSAGE) String> eventTypes,
            @Schema(examples = "市司法局OA系统（督办待办）") @Size(max = 500) String description,
            @Schema(description = "false: nothing is sent to it", examples = "true") boolean enabled,
            @Schema(description = "The version read (or send it as If-Match, which wins); a stale one is a 412, none at all a 428",
                    examples = "2")
            Long version) {
    }

    @Schema(name = "WebhookEndpoint")
    public record Endpoint(UUID id, String url, String unitCode, List<String> eventTypes, String description,
                           boolean enabled,
                           @Schema(description = "Why it was disabled (e.g. the receiver answered 410 Gone)") String disabledReason,
                           OffsetDateTime createdAt, long version) {
        static Endpoint of(WebhookEndpoint e) {
            return new Endpoint(e.id, e.url, e.unitCode, List.copyOf(e.eventTypes), e.description, e.enabled,
                    e.disabledReason, e.createdAt, e.version);
        }
    }

    @Schema(name = "CreatedWebhookEndpoint", description = "The endpoint and its signing secret — shown only this once")
    public record CreatedEndpoint(Endpoint endpoint,
                                  @Schema(examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    @Schema(name = "RotatedWebhookSecret")
    public record RotatedSecret(@Schema(description = "The new secret, shown only this once") String secret,
                                @Schema(description = "Until then messages carry a signature with the old secret too")
                                OffsetDateTime previousSecretValidUntil) {
    }

    @Schema(name = "EndpointPage")
    public record EndpointPage(List<Endpoint> items, String nextCursor) {
    }
}

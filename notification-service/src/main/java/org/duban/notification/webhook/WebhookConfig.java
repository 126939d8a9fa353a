package org.duban.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** duban.webhooks.*: calling the OA systems' endpoints. */
@ConfigMapping(prefix = "duban.webhooks")
public interface WebhookConfig {

    /** Allow endpoints on loopback, private and link-local addresses (tests, an OA system inside the LAN). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Connect + response timeout of one call. */
    @WithDefault("10s")
    Duration timeout();

    /** After a rotation the old secret keeps signing (beside the new one) this long. */
    @WithDefault("24h")
    Duration rotationOverlap();
}

package org.duban.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** duban.webhooks.*: calling the OA systems' endpoints. */
@ConfigMapping(prefix = "duban.webhooks")
public interface WebhookConfig {

    /**
     * CIDRs and host names an endpoint may point to although they are private, loopback or otherwise
     * special ({@link TargetValidator}): e.g. the city OA system on its LAN, {@code 10.20.0.0/16,oa.zhuhai.gov.cn}.
     * Unspecified, broadcast and multicast addresses stay refused.
     */
    Optional<List<String>> allowedTargets();

    /** How many endpoints one unit may have (global ones count as one more "unit"): each notification goes to all. */
    @WithDefault("5")
    int maxEndpointsPerUnit();

    /** How much of an endpoint's answer is read; the rest is not read and the connection is closed. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Connect + response timeout of one call. */
    @WithDefault("10s")
    Duration timeout();

    /** After a rotation the old secret keeps signing (beside the new one) this long. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /**
     * The key that encrypts the signing secrets at rest (AES-256-GCM): base64 of 32 random bytes.
     * Without one the service does not start ({@link SecretCipher}).
     */
    Optional<String> secretKey();

    /** Earlier keys, still read (comma-separated): rows they encrypted are re-encrypted with {@link #secretKey} at start. */
    Optional<List<String>> previousSecretKeys();
}

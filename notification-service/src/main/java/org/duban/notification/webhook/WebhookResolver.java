package org.duban.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves webhook hosts (the system resolver; tests script it) and makes the one
 * {@link TargetValidator} that registration and sending share, with the allow-list of
 * {@code duban.webhooks.allowed-targets}.
 */
@ApplicationScoped
public class WebhookResolver implements TargetValidator.Resolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return TargetValidator.DNS.resolve(host);
    }

    @Produces
    @Singleton
    static TargetValidator validator(WebhookConfig config, WebhookResolver resolver) {
        return new TargetValidator(config.allowedTargets().orElse(List.of()), resolver, TargetValidator.INTERFACES);
    }
}

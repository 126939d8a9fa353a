package org.duban.common.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/**
 * Refuses to start a service that has no key to verify bearer tokens with: without one every
 * protected request would be refused, and the reason would only show up as 401s. A key set at an
 * identity provider's URL must be an absolute http(s) URL with a host; it is fetched when the
 * first token arrives (not here: a provider briefly down must not keep the services from starting).
 */
@ApplicationScoped
public class JwtKeyCheck {

    void onStart(@Observes StartupEvent start) {
        var config = ConfigProvider.getConfig();
        String inline = config.getOptionalValue("mp.jwt.verify.publickey", String.class).orElse("NONE");
        String location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse("NONE");
        if (isUnset(inline) && isUnset(location)) {
            throw new IllegalStateException("No key to verify bearer tokens with: set DUBAN_JWT_PUBLIC_KEY to the path or "
                    + "URL of the public key (PEM) or key set (JWKS); the local run passes .duban/keys/jwks.json");
        }
        if (isUnset(inline)) {
            check(location);
        }
    }

    /** A location that looks like a URL must be one SmallRye JWT can fetch. */
    static void check(String location) {
        String l = location.strip();
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http:") && !lower.startsWith("https:")) {
            return;
        }
        URI uri;
        try {
            uri = new URI(l);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("DUBAN_JWT_PUBLIC_KEY is not a valid URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalStateException("DUBAN_JWT_PUBLIC_KEY names no host: give the identity provider's JWKS URL, "
                    + "e.g. https://idp.example/realms/city/protocol/openid-connect/certs");
        }
    }

    private static boolean isUnset(String v) {
        return v == null || v.isBlank() || v.equals("NONE");
    }
}

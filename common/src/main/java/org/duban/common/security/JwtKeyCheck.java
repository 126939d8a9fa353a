package org.duban.common.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a service that has no key to verify bearer tokens with: without one every
 * protected request would be refused, and the reason would only show up as 401s.
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
    }

    private static boolean isUnset(String v) {
        return v == null || v.isBlank() || v.equals("NONE");
    }
}

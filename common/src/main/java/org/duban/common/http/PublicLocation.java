package org.duban.common.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code Location} of every response is built from configuration, never from the request's
 * {@code Host} header, which a client (or anything in front of the service) may set to another
 * site. JAX-RS makes a resource's Location absolute with the request's host; this filter keeps
 * its path (and query) and puts {@code duban.public-base-url} before it, or sends the path alone,
 * a relative reference RFC 9110 allows. One place for every resource of every service.
 */
public class PublicLocation {

    /** The service's address as clients reach it, e.g. {@code https://duban.zhuhai.gov.cn/registry}. */
    @ConfigProperty(name = "duban.public-base-url")
    Optional<String> publicBaseUrl;

    /**
     * Every response, a replayed Idempotency-Key answer included, so a replay carries the same
     * Location as the first answer (IdempotencyKeyTest compares them).
     */
    @ServerResponseFilter(priority = Priorities.USER + 100)
    public void rewrite(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, of(location.toString(), publicBaseUrl));
        }
    }

    /** {@code location} without its scheme and authority, after {@code baseUrl} when there is one. */
    public static String of(String location, Optional<String> baseUrl) {
        URI uri = URI.create(location);
        StringBuilder path = new StringBuilder(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            path.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            path.append('#').append(uri.getRawFragment());
        }
        String base = baseUrl.map(String::strip).filter(b -> !b.isEmpty()).orElse(null);
        if (base == null) {
            return path.toString();
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return path.isEmpty() || path.charAt(0) == '/' ? base + path : base + "/" + path;
    }
}

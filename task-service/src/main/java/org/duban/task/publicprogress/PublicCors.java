package org.duban.task.publicprogress;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Arrays;
import java.util.List;

/**
 * CORS for the public endpoints only (/api/v1/public/…): portals on the origins in {@code duban.public.cors-origins}
 * (comma-separated, or * for any) may read them. Quarkus' own quarkus.http.cors.* would apply to every endpoint,
 * so it stays off; the public data carries no credentials and is read with GET only.
 */
public class PublicCors {

    @ConfigProperty(name = "duban.public.cors-origins", defaultValue = "*")
    String origins;

    @ServerResponseFilter
    public void cors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/public/") && !path.startsWith("/api/v1/public/")) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        List<String> allowed = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (allowed.contains("*")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
        } else if (allowed.contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        } else {
            return;
        }
        response.getHeaders().putSingle("Access-Control-Expose-Headers", "ETag, Cache-Control");
        if ("OPTIONS".equals(request.getMethod())) {
            response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, OPTIONS");
            response.getHeaders().putSingle("Access-Control-Allow-Headers", "If-None-Match");
            response.getHeaders().putSingle("Access-Control-Max-Age", "86400");
        }
    }
}

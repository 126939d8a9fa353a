package org.duban.task.publicprogress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Public progress of published plans, for portals and their widgets: unauthenticated, read-only, cacheable
 * (ETag, Cache-Control, 304 on If-None-Match) and readable from the configured other origins ({@link PublicCors}).
 */
@Path("/public/plans/{id}")
@PermitAll
@Tag(name = "Public")
public class PublicProgressResource {

    /** Portals may show figures up to this old; the ETag lets them revalidate cheaply after that. */
    static final int MAX_AGE_SECONDS = 60;

    @Inject
    PublicProgress progress;

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Progress of a published plan: sections, tasks with state and light, counts per unit",
            description = "No contacts, no progress texts, no comments, no return reasons. Cacheable: send the ETag"
                    + " back in If-None-Match to get 304 while nothing changed.")
    @APIResponse(responseCode = "200", description = "The plan's progress",
            content = @Content(schema = @Schema(implementation = PublicApi.PlanProgress.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such plan, or not published (problem+json)")
    public Response plan(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws JsonProcessingException {
        byte[] body = mapper.writeValueAsBytes(progress.of(id));
        EntityTag tag = new EntityTag(hash(body));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        cache.setPrivate(false);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).tag(tag).cacheControl(cache).build();
    }

    @OPTIONS
    @Operation(summary = "CORS preflight for portals on other origins")
    public Response preflight(@PathParam("id") UUID id) {
        return Response.noContent().build();
    }

    private static boolean matches(String header, EntityTag tag) {
        return Arrays.stream(header.split(",")).map(String::strip)
                .anyMatch(t -> t.equals("*") || t.replaceFirst("^W/", "").equals("\"" + tag.getValue() + "\""));
    }

    private static String hash(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

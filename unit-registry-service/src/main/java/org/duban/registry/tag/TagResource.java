package org.duban.registry.tag;

import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.duban.common.problem.ProblemException;
import org.duban.common.security.Caller;
import org.duban.registry.unit.UnitApi;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The managed tag vocabulary: a unit may only carry tags listed here. Every role reads it; the supervising office adds to it. */
@Path("/tags")
@Tag(name = "Tags", description = "有经济管理服务职能, 政府信息公开工作主管部门 …")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.SUPERVISOR, Caller.VIEWER, Caller.UNIT_OPERATOR, Caller.INTEGRATION})
public class TagResource {

    /** The city's one validated write path (city.CityStore): every tag write goes through it. */
    @Inject
    TagWrites store;

    @Schema(name = "TagRequest")
    public record TagRequest(
            @Schema(examples = "economic") @NotBlank @Pattern(regexp = UnitApi.CODE_PATTERN, message = UnitApi.CODE_MESSAGE) String code,
            @Schema(examples = "有经济管理服务职能") @NotBlank @Size(max = UnitApi.NAME_MAX) String name,
            @Schema(examples = "[\"经济管理服务职能\"]") @Size(max = UnitApi.LIST_MAX) List<@NotBlank @Size(max = UnitApi.NAME_MAX) String> aliases,
            @Schema(description = "A role: \"<units><role>\" resolves to the role within each unit", examples = "false") Boolean role,
            @Schema(examples = "市政府组成部门中承担经济管理服务职能的单位") @Size(max = TagData.DESCRIPTION_MAX) String description) {
    }

    @GET
    @Operation(summary = "The tag vocabulary")
    @APIResponse(responseCode = "200", description = "All tags, by code")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TagData> list() {
        return org.duban.registry.tag.Tag.<org.duban.registry.tag.Tag>list("order by code").stream().map(TagData::of).toList();
    }

    @POST
    @RolesAllowed(Caller.SUPERVISOR)
    @Operation(summary = "Add a tag to the vocabulary")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TagData.class)))
    @APIResponse(responseCode = "409", description = "The code exists")
    @Transactional
    @Idempotent
    @Parameter(name = IdempotencyFilters.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION, example = "2b1c7e0a-7f3e-4d7a-9a51-1f0c3c9e5d21")
    public Response create(@Valid @NotNull TagRequest req) {
        if (org.duban.registry.tag.Tag.findById(req.code()) != null) {
            throw ProblemException.conflict("A tag with code '" + req.code() + "' exists already");
        }
        TagData t = new TagData(req.code(), req.name(), req.aliases(), req.role(), req.description());
        store.applyTag(t);
        return Response.status(201).entity(t).build();
    }
}

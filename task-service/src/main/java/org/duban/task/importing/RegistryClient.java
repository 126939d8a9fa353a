package org.duban.task.importing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * unit-registry-service's phrase resolution ({@code POST /api/v1/resolutions}): the one synchronous
 * call between services, made when a plan is imported. Base URL: {@code duban.registry.url}.
 * The importing caller's {@code Authorization} header is forwarded
 * ({@code org.eclipse.microprofile.rest.client.propagateHeaders}), so the registry authorizes the
 * caller itself and task-service holds no credentials of its own. Responses are read tolerantly
 * (unknown fields ignored): the registry may add fields without breaking the import.
 */
@RegisterRestClient(configKey = "registry")
@RegisterClientHeaders
@Path("/resolutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RegistryClient {

    @POST
    Result resolve(Request request);

    /** {@code texts}: task texts whose own unit names the registry finds (the same names and normaliser as phrases). */
    record Request(List<String> phrases, List<String> texts) {
    }

    /**
     * {@code city}: the registry's city, to compare with the plan's (null from a registry that does not say);
     * {@code texts}: one per text sent, in order.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(List<PhraseResolution> results, City city, List<UnitsInText> texts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UnitsInText(List<NamedUnit> units) {
    }

    /** A unit a text names: {@code text} as written there, starting at {@code offset}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamedUnit(String code, String name, String text, int offset) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record City(String code, String name, List<String> shortNames) {
    }

    /** {@code leads}: every lead unit ("X、Y分别牵头落实"), {@code lead} the first; null from an older registry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PhraseResolution(String phrase, boolean complete, boolean toBeDesignated, UnitRef lead, List<UnitRef> units,
                            List<Mention> mentions, List<UnitRef> leads) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UnitRef(String code, String name, String shortName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Mention(String text, String kind, String ref, String refName, String role, String roleName,
                   List<String> unitCodes, boolean lead, List<Candidate> candidates) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Candidate(String kind, String code, String name, double score) {
    }
}

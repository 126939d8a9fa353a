package org.duban.task.importing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the registry's POST /resolutions, served by the test app itself, knowing a
 * handful of names. It lets task-service's focused tests exercise the import without the
 * registry process; the real resolution is tested end to end in system-tests. Open (@PermitAll) and
 * left out of the OpenAPI document: it is not part of task-service's API. It keeps the last
 * Authorization header it received, so a test can see that task-service forwards the caller's token.
 */
@PermitAll
@Path("/fake-registry/api/v1/resolutions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FakeRegistryResource {

    static final Map<String, String> UNITS = Map.of(
            "市政府办公室", "szfb", "市司法局", "sfj", "市政务服务数据管理局", "zsj",
            "市发展改革局", "fgj", "市市场监管局", "scj");
    static final Map<String, List<String>> GROUPS = Map.of("各区政府（管委会）", List.of("xzq", "hqxq"));
    static final List<String> OPEN = List.of("市直有关单位", "有关单位");

    /** The registry's city, as the real registry states it at the top of its answer. */
    static final RegistryClient.City CITY = new RegistryClient.City("zhuhai", "珠海市", List.of("珠海"));

    static volatile String lastAuthorization;

    @POST
    @Operation(hidden = true)
    public RegistryClient.Result resolve(RegistryClient.Request request,
                                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        lastAuthorization = authorization;
        List<RegistryClient.PhraseResolution> results = new ArrayList<>();
        for (String phrase : request.phrases()) {
            List<RegistryClient.Mention> mentions = new ArrayList<>();
            List<RegistryClient.UnitRef> units = new ArrayList<>();
            RegistryClient.UnitRef lead = null;
            // "X、Y分别牵头落实": each named unit leads
            boolean each = phrase.contains("分别牵头");
            List<RegistryClient.UnitRef> leads = new ArrayList<>();
            for (String raw : phrase.replaceAll("分别牵头落实$|分别牵头$", "").split("[，,、；;\\s]+")) {
                boolean marked = raw.endsWith("牵头");
                String m = raw.replaceAll("(牵头|配合|负责)$", "");
                if (m.isEmpty()) {
                    continue;
                }
                if (UNITS.containsKey(m)) {
                    RegistryClient.UnitRef u = new RegistryClient.UnitRef(UNITS.get(m), m, m);
                    units.add(u);
                    if (lead == null || marked) {
                        lead = u;
                    }
                    if (each) {
                        leads.add(u);
                    }
                    mentions.add(new RegistryClient.Mention(m, "UNIT", u.code(), m, null, null, List.of(u.code()), false, null));
                } else if (GROUPS.containsKey(m)) {
                    GROUPS.get(m).forEach(c -> units.add(new RegistryClient.UnitRef(c, c, c)));
                    mentions.add(new RegistryClient.Mention(m, "GROUP", "gq", m, null, null, GROUPS.get(m), false, null));
                } else if (OPEN.contains(m)) {
                    mentions.add(new RegistryClient.Mention(m, "OPEN_GROUP", "open", m, null, null, List.of(), false, null));
                } else {
                    mentions.add(new RegistryClient.Mention(m, "UNRESOLVED", null, null, null, null, List.of(), false,
                            List.of(new RegistryClient.Candidate("UNIT", "sfj", "市司法局", 0.3))));
                }
            }
            boolean complete = mentions.stream().noneMatch(x -> x.kind().equals("UNRESOLVED"));
            results.add(new RegistryClient.PhraseResolution(phrase, complete,
                    mentions.stream().anyMatch(x -> x.kind().equals("OPEN_GROUP")), lead, units, mentions,
                    leads.isEmpty() ? (lead == null ? List.of() : List.of(lead)) : leads));
        }
        // the units a task text names: the names above, longest first, no overlaps (the registry does it with its index)
        List<RegistryClient.UnitsInText> texts = new ArrayList<>();
        for (String text : request.texts() == null ? List.<String>of() : request.texts()) {
            List<RegistryClient.NamedUnit> named = new ArrayList<>();
            boolean[] taken = new boolean[text.length()];
            UNITS.keySet().stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()).forEach(name -> {
                for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length())) {
                    boolean free = true;
                    for (int i = at; i < at + name.length(); i++) {
                        free &= !taken[i];
                    }
                    if (free) {
                        java.util.Arrays.fill(taken, at, at + name.length(), true);
                        named.add(new RegistryClient.NamedUnit(UNITS.get(name), name, name, at));
                    }
                }
            });
            named.sort(java.util.Comparator.comparingInt(RegistryClient.NamedUnit::offset));
            texts.add(new RegistryClient.UnitsInText(named));
        }
        return new RegistryClient.Result(results, CITY, texts);
    }
}

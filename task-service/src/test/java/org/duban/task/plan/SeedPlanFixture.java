package org.duban.task.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.duban.task.unit.RegistryUnits;
import org.duban.task.unit.UnitReplica;

import java.io.IOException;
import java.io.InputStream;

/**
 * src/test/resources/seed/zhuhai-2020-plan.json: the seed plan as a CreatePlan body, whose tasks also
 * keep their 牵头及责任单位 phrase as written ({@code unitPhrase}) so a reader can check the codes.
 */
public final class SeedPlanFixture {
    private SeedPlanFixture() {
    }

    /** The fixture, with every unit it names seeded into the unit replica first (those missing only). */
    public static JsonNode loadWithUnits() throws IOException {
        JsonNode fixture;
        try (InputStream in = SeedPlanFixture.class.getResourceAsStream("/seed/zhuhai-2020-plan.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        for (JsonNode u : fixture.get("units")) {
            String code = u.get("code").asText();
            if (!QuarkusTransaction.requiringNew().call(() -> UnitReplica.findById(code) != null)) {
                RegistryUnits.seed(code, u.get("name").asText());
            }
        }
        return fixture;
    }

    /**
     * The fixture's plan as POST /plans takes it: without the {@code unitPhrase} notes, which
     * CreatePlan does not declare (request bodies are strict: an unknown field is a 400).
     */
    public static ObjectNode planBody(JsonNode fixture) {
        ObjectNode plan = fixture.get("plan").deepCopy();
        for (JsonNode s : plan.get("sections")) {
            for (JsonNode w : s.get("workItems")) {
                for (JsonNode t : w.get("tasks")) {
                    ((ObjectNode) t).remove("unitPhrase");
                }
            }
        }
        return plan;
    }
}

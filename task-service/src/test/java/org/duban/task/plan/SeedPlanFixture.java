package org.duban.task.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * src/test/resources/seed/zhuhai-2020-plan.json: the seed plan as a CreatePlan body, whose tasks also
 * keep their 牵头及责任单位 phrase as written ({@code unitPhrase}) so a reader can check the codes.
 */
public final class SeedPlanFixture {
    private SeedPlanFixture() {
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

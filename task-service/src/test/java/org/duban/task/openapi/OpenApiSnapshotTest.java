package org.duban.task.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.duban.infra.OpenApiSnapshot;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * The live OpenAPI document equals docs/openapi/task-service.json. After an intended API change:
 * {@code ./mvnw -B test -pl task-service -Dtest=OpenApiSnapshotTest -Dduban.openapi.update=true}, then commit the snapshot.
 */
@QuarkusTest
class OpenApiSnapshotTest {

    @Test
    void theOpenApiDocumentMatchesTheCommittedSnapshot() {
        String live = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        OpenApiSnapshot.check(live, OpenApiSnapshot.of("task-service"));
    }
}

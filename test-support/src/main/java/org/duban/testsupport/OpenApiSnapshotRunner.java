package org.duban.testsupport;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * The live OpenAPI document of the service under test equals its committed snapshot,
 * docs/openapi/&lt;service&gt;.json, and passes {@link OpenApiContract}. Each service has a one-line
 * {@code @QuarkusTest} subclass naming itself. After an intended API change:
 * {@code ./mvnw -B verify -pl <service> -am -Dtest=OpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dduban.openapi.update=true}, then commit the snapshot.
 */
public abstract class OpenApiSnapshotRunner {

    private final String service;

    protected OpenApiSnapshotRunner(String service) {
        this.service = service;
    }

    @Test
    void theOpenApiDocumentMatchesTheCommittedSnapshot() {
        String live = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        OpenApiSnapshot.check(live, OpenApiSnapshot.of(service));
    }
}

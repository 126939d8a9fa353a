package org.duban.registry.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.duban.testsupport.OpenApiSnapshotRunner;

/** docs/openapi/unit-registry-service.json is the live document (the runner says how to update it). */
@QuarkusTest
class OpenApiSnapshotTest extends OpenApiSnapshotRunner {
    OpenApiSnapshotTest() {
        super("unit-registry-service");
    }
}

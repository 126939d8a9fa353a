package org.duban.task.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.duban.testsupport.OpenApiSnapshotRunner;

/** docs/openapi/task-service.json is the live document (the runner says how to update it). */
@QuarkusTest
class OpenApiSnapshotTest extends OpenApiSnapshotRunner {
    OpenApiSnapshotTest() {
        super("task-service");
    }
}

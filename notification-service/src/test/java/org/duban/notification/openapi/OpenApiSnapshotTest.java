package org.duban.notification.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.duban.testsupport.OpenApiSnapshotRunner;

/** docs/openapi/notification-service.json is the live document (the runner says how to update it). */
@QuarkusTest
class OpenApiSnapshotTest extends OpenApiSnapshotRunner {
    OpenApiSnapshotTest() {
        super("notification-service");
    }
}

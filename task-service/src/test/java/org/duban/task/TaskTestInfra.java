package org.duban.task;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.duban.testsupport.DubanTestResource;

/** Every @QuarkusTest of this module runs against the JVM's real PostgreSQL and Kafka. */
@QuarkusTestResource(value = DubanTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "duban_task"))
public final class TaskTestInfra {
    private TaskTestInfra() {
    }
}

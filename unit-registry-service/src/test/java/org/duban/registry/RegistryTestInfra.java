package org.duban.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.duban.testsupport.DubanTestResource;

/** Every @QuarkusTest of this module runs against the JVM's real PostgreSQL and Kafka. */
@QuarkusTestResource(value = DubanTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "duban_registry"))
public final class RegistryTestInfra {
    private RegistryTestInfra() {
    }
}

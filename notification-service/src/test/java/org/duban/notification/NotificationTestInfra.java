package org.duban.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.duban.infra.DubanTestResource;

/** Every @QuarkusTest of this module runs against the JVM's real PostgreSQL and Kafka. */
@QuarkusTestResource(value = DubanTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "duban_notification"))
public final class NotificationTestInfra {
    private NotificationTestInfra() {
    }
}

package org.duban.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.duban.testsupport.DubanTestResource;
import org.duban.notification.email.SmtpServer;

/**
 * Every @QuarkusTest of this module runs against the JVM's real PostgreSQL and Kafka, and a real
 * SMTP server (GreenMail) started once in the test JVM.
 */
@QuarkusTestResource(value = DubanTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "duban_notification"))
@QuarkusTestResource(SmtpServer.class)
public final class NotificationTestInfra {
    private NotificationTestInfra() {
    }
}

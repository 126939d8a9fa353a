package org.duban.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.Outcome;
import org.duban.notification.delivery.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One e-mail through SMTP (Quarkus Mailer). The Message-ID is derived from the delivery id, so a
 * resend after a crash between "sent" and "marked sent" carries the same Message-ID and mail
 * clients and archives can drop the duplicate.
 */
@ApplicationScoped
public class EmailSender implements Sender {

    @Inject
    Mailer mailer;

    /** The blocking mailer gives up after this (Quarkus' default 60 s; set in application.properties). */
    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "60s")
    Duration timeout;

    @Override
    public String channel() {
        return Delivery.EMAIL;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** An e-mail needs nothing besides its delivery. */
    @Override
    public Map<UUID, Call> prepare(List<Delivery> deliveries) {
        Map<UUID, Call> calls = new HashMap<>();
        for (Delivery d : deliveries) {
            calls.put(d.id, () -> send(d));
        }
        return calls;
    }

    public static String messageId(Delivery d) {
        return "<" + d.id + "@duban.notification>";
    }

    public Outcome send(Delivery d) {
        try {
            mailer.send(Mail.withText(d.target, d.subject, d.payload)
                    .addHeader("Message-ID", messageId(d))
                    .addHeader("X-Duban-Delivery", d.id.toString()));
            return Outcome.success(250);
        } catch (RuntimeException e) {
            return Outcome.failure(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}

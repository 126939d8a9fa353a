package org.duban.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.delivery.DeliveryWorker;

/**
 * One e-mail through SMTP (Quarkus Mailer). The Message-ID is derived from the delivery id, so a
 * resend after a crash between "sent" and "marked sent" carries the same Message-ID and mail
 * clients and archives can drop the duplicate.
 */
@ApplicationScoped
public class EmailSender {

    @Inject
    Mailer mailer;

    public static String messageId(Delivery d) {
        return "<" + d.id + "@duban.notification>";
    }

    public DeliveryWorker.Outcome send(Delivery d) {
        try {
            mailer.send(Mail.withText(d.target, d.subject, d.payload)
                    .addHeader("Message-ID", messageId(d))
                    .addHeader("X-Duban-Delivery", d.id.toString()));
            return DeliveryWorker.Outcome.success(250);
        } catch (RuntimeException e) {
            return DeliveryWorker.Outcome.failure(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}

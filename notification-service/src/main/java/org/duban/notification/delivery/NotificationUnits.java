package org.duban.notification.delivery;

import java.util.Optional;
import java.util.UUID;

/**
 * The unit a notification was written for, which a delivery's readers are checked against. The inbox owns the
 * notifications and implements it ({@code inbox.InboxService}), so the delivery package does not depend on the
 * inbox package that writes deliveries (issue 18: no package cycles).
 */
public interface NotificationUnits {

    /** The notification's unit; empty when there is no such notification. */
    Optional<String> unitOf(UUID notificationId);
}

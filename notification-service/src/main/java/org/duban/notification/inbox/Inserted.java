package org.duban.notification.inbox;

import java.util.List;

/**
 * Inbox notifications this process wrote ({@link Dispatcher#flush}), as they are in the table: fired in the writing
 * transaction and observed {@code during = AFTER_SUCCESS}, so the live streams of this process are handed the rows
 * from memory after the commit instead of reading them back (hcons3). Other replicas' rows still reach their streams
 * by NOTIFY and a read.
 */
public record Inserted(List<Notification> rows) {
}

package org.duban.notification.routing;

/**
 * The form of an event type a request names (a webhook's subscriptions, a preference):
 * dot-separated lower-case words such as {@code task.urged} or {@code task.deadline-approaching}.
 * Types not (yet) sent are allowed, so a subscription may name a type added later.
 */
public final class EventTypes {
    private EventTypes() {
    }

    public static final int MAX = 100;
    public static final String PATTERN = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+";
    public static final String MESSAGE = "must be an event type such as task.urged";
    /** A preference may also name every type at once. */
    public static final String PATTERN_OR_ANY = "\\*|" + PATTERN;
    public static final String MESSAGE_OR_ANY = "must be an event type such as task.urged, or *";
}

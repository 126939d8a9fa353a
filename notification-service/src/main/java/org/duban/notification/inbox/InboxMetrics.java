package org.duban.notification.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.notification.AfterCommit;
import org.duban.notification.delivery.Delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@value #NOTIFICATIONS_CREATED} (Prometheus {@code duban_notifications_created_total}), tag
 * {@code channel}: the inbox notifications and the external sends (webhook, email, digest item) the
 * consumer created, counted when its transaction commits — a duplicate event creates nothing and
 * counts nothing. The known channels are registered at start, so a scrape shows them at 0.
 */
@Startup
@ApplicationScoped
public class InboxMetrics {

    public static final String NOTIFICATIONS_CREATED = "duban.notifications.created";
    public static final String INBOX = "inbox";
    static final List<String> CHANNELS = List.of(INBOX, Delivery.WEBHOOK, Delivery.EMAIL, Delivery.DIGEST);

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    @PostConstruct
    void register() {
        CHANNELS.forEach(this::counter);
    }

    /** One notification or delivery row written in the current transaction, on {@code channel}. */
    public void created(String channel) {
        created(channel, 1);
    }

    /** {@code n} notifications or delivery rows written in the current transaction, on {@code channel}. */
    public void created(String channel, int n) {
        if (n <= 0) {
            return;
        }
        Counter c = counter(channel);
        afterCommit.run(() -> c.increment(n));
    }

    /** The counters by channel, registered once (hcons4: not looked up in the registry per transaction). */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private Counter counter(String channel) {
        return counters.computeIfAbsent(channel, c -> Counter.builder(NOTIFICATIONS_CREATED)
                .description("Notifications (inbox) and external sends (webhook, email, digest) created, by channel")
                .tag("channel", c)
                .register(registry));
    }
}

package org.duban.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How one channel makes an attempt of a delivery (issue 18): the webhook and the e-mail senders
 * implement it, {@link DeliveryWorker} knows only this, so the delivery package depends on no channel.
 * A call is prepared in the transaction that writes its attempt IN_FLIGHT — what it needs besides the
 * delivery (a webhook's endpoint) read there, for a whole claim at once — and made after that commit,
 * outside any transaction.
 */
public interface Sender {

    /** The channel this sender makes the calls of ({@code Delivery.channel}). */
    String channel();

    /** The longest one call may take (its timeout); a claimed delivery's lease is the longest of these plus a margin. */
    Duration timeout();

    /**
     * In the transaction that starts the attempts: each delivery's call, to be made after the commit. A
     * delivery left out of the map is not called this time (it is treated as a failed attempt).
     */
    Map<UUID, Call> prepare(List<Delivery> deliveries);

    /**
     * The receiver answered that it is gone ({@link Outcome#gone()}: 410): in the transaction that
     * records the outcome, stop sending to it. Nothing by default.
     */
    default void gone(Delivery d) {
    }

    /** One prepared call; it touches no database. */
    @FunctionalInterface
    interface Call {
        Outcome make();
    }
}

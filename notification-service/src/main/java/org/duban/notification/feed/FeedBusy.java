package org.duban.notification.feed;

/**
 * A feed request with a wait when this replica already holds {@code duban.notification.feed.max-waiters} of them;
 * {@link FeedResource} answers it 503 problem+json ({@code urn:duban:problem:busy}) with {@code Retry-After},
 * before anything is read.
 */
final class FeedBusy extends RuntimeException {

    /** What a refused client is told to wait before its next request. */
    static final int RETRY_AFTER_SECONDS = 5;

    FeedBusy(int max) {
        super("This service already holds " + max + " waiting feed requests; retry after " + RETRY_AFTER_SECONDS
                + " s, or send wait=0", null, false, false);
    }
}

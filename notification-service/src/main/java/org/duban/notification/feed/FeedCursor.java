package org.duban.notification.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in the feed: after the notification written by transaction {@code xid} with id
 * {@code id}, in the feed's order (xid, id). Clients see it only as an opaque string (base64url of
 * {@code f1:<xid>:<id>}); {@link #START} is before every row (rows have xid ≥ 1).
 */
public record FeedCursor(long xid, UUID id) {

    public static final FeedCursor START = new FeedCursor(0, new UUID(0, 0));

    private static final String VERSION = "f1";

    public FeedCursor {
        if (xid < 0) {
            throw new IllegalArgumentException("xid < 0");
        }
        java.util.Objects.requireNonNull(id);
    }

    public String encode() {
        String plain = VERSION + ":" + xid + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor {@code s} names; null or blank: {@link #START}.
     * @throws IllegalArgumentException if {@code s} is not a cursor this class wrote
     */
    public static FeedCursor decode(String s) {
        if (s == null || s.isBlank()) {
            return START;
        }
        try {
            if (s.length() > 120) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[1].matches("[0-9]{1,19}")) {
                throw new IllegalArgumentException("not a feed cursor");
            }
            long xid = Long.parseLong(parts[1]);
            UUID id = UUID.fromString(parts[2]);
            // UUID.fromString accepts short forms ("1-1-1-1-1"); a cursor this class wrote has the canonical one
            if (!id.toString().equals(parts[2])) {
                throw new IllegalArgumentException("not a canonical id");
            }
            return new FeedCursor(xid, id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a feed cursor: " + s, e);
        }
    }
}

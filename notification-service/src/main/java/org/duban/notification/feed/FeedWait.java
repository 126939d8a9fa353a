package org.duban.notification.feed;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wait} of a feed request: how long to hold the request open when nothing is there yet.
 * Seconds ({@code 30s} or {@code 30}) or milliseconds ({@code 1500ms}), from 0 (answer at once) to
 * {@link #MAX}: a long poll must end before the proxies between an OA system and the service give up
 * on an idle response (60 s is nginx's default proxy_read_timeout).
 */
public final class FeedWait {

    public static final Duration MAX = Duration.ofSeconds(60);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})(ms|s)?");

    private FeedWait() {
    }

    /**
     * The duration {@code s} names; null or blank: zero.
     * @throws IllegalArgumentException if it is not one of the forms, or beyond {@link #MAX}
     */
    public static Duration parse(String s) {
        if (s == null || s.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("a number of seconds such as 30s (or milliseconds such as 1500ms)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("at most " + MAX.toSeconds() + "s");
        }
        return d;
    }
}

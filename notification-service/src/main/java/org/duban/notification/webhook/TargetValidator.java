package org.duban.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Checks a webhook URL before it is stored and again before each call (a name may resolve
 * differently later): http(s) only, no credentials in it, and — unless private targets are allowed —
 * no loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, multicast or unspecified
 * address, so the service cannot be made to call into its own network (SSRF).
 */
public final class TargetValidator {
    private TargetValidator() {
    }

    /** Resolves a host name to its addresses; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /** Why the URL is refused, or empty if it may be called. */
    public static Optional<String> problem(String url, boolean allowPrivate, Resolver resolver) {
        if (url == null || url.isBlank()) {
            return Optional.of("the URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return Optional.of("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("the host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                return Optional.of("the host " + host + " resolves to a loopback, private or link-local address ("
                        + a.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127)   // 100.64.0.0/10 CGNAT
                    || (first == 169 && second == 254)                               // link-local
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)           // 192.0.0.0/24
                    || first >= 240;                                                 // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                                            // fc00::/7 unique local
                return true;
            }
            // ::ffff:a.b.c.d — judge the IPv4 address inside
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}

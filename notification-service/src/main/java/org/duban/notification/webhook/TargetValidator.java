package org.duban.notification.webhook;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides whether a webhook URL may be called, and at which addresses (SSRF). A URL passes when it
 * is http(s) without credentials and every address its host resolves to passes:
 * <ul>
 * <li>never an unspecified, "this network", broadcast or multicast address ({@link #RANGES}, never);</li>
 * <li>otherwise, if the host is an allowed name or the address lies in an allowed CIDR
 * ({@code duban.webhooks.allowed-targets}): yes — that is how the city's OA system on a private
 * network is reached;</li>
 * <li>otherwise no address of a special-purpose range (RFC 6890 and the IANA registries,
 * {@link #RANGES}) and no address of this host's own network interfaces ({@link #INTERFACES}: listed at
 * most {@link #INTERFACES_REFRESH} before, and only when an address is neither allowed nor special-purpose).</li>
 * </ul>
 * An IPv6 address that carries an IPv4 address (IPv4-compatible, -mapped, -translated, NAT64,
 * 6to4, Teredo: {@link #EMBEDDINGS}) is judged by that IPv4 address too, so {@code [::127.0.0.1]}
 * is loopback. The caller connects to the addresses in {@link Target}, never resolving the name
 * again, so the answer checked is the answer used (no DNS rebinding). Refusals never name the
 * addresses a name resolved to.
 */
public final class TargetValidator {

    /** Resolves a host name (or an address literal) to its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /**
     * How long a listing of this host's network interfaces is used before it is read again (they may change: an
     * address added is refused at most this long after it appeared). Listing them is a walk of every interface by
     * system calls and many objects, which at one listing per call was a large part of a webhook call's own cost
     * (issue 16, hwh2); the listing is only needed for an address that is neither allowed nor special-purpose.
     */
    public static final Duration INTERFACES_REFRESH = Duration.ofSeconds(1);

    /** Every address of this host's network interfaces, read again at most {@link #INTERFACES_REFRESH} after the last read. */
    public static final Supplier<Collection<InetAddress>> INTERFACES = refreshed(() -> {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
    }, INTERFACES_REFRESH, System::nanoTime);

    /**
     * {@code source}'s value, read again once {@code refresh} has passed since it was read ({@code nanos}: a
     * monotonic clock); a failed read is not kept (the next caller reads again).
     */
    static <T> Supplier<T> refreshed(Supplier<T> source, Duration refresh, LongSupplier nanos) {
        long every = refresh.toNanos();
        return new Supplier<>() {
            private T value;
            private long readAt;
            private boolean read;

            @Override
            public synchronized T get() {
                long now = nanos.getAsLong();
                if (!read || now - readAt >= every) {
                    value = source.get();
                    readAt = now;
                    read = true;
                }
                return value;
            }
        };
    }

    public static final String NOT_ALLOWED = "the host is not an allowed webhook target";
    public static final String DOES_NOT_RESOLVE = "the host does not resolve";

    /** Why a URL may not be called; the message names no resolved address. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A URL that may be called: connect to one of {@code addresses}, send {@code host} (Host, SNI, certificate). */
    public record Target(URI uri, String host, int port, boolean https, String requestUri, List<InetAddress> addresses) {
    }

    /** A special-purpose range; {@code never}: refused even when allowed by the configuration. */
    record Range(Cidr cidr, String name, boolean never) {
    }

    /** An IPv6 prefix that carries IPv4 addresses, and how to take them out. */
    record Embedding(Cidr prefix, String name, Function<byte[], List<byte[]>> ipv4) {
    }

    private static Range range(String cidr, String name) {
        return new Range(Cidr.parse(cidr), name, false);
    }

    private static Range never(String cidr, String name) {
        return new Range(Cidr.parse(cidr), name, true);
    }

    /** RFC 6890 and the IANA IPv4/IPv6 Special-Purpose Address Registries: the ranges that are not a public host. */
    static final List<Range> RANGES = List.of(
            never("0.0.0.0/8", "this network (0.0.0.0 reaches this host)"),
            range("10.0.0.0/8", "private (RFC 1918)"),
            range("100.64.0.0/10", "shared address space, carrier-grade NAT (RFC 6598)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local, cloud metadata"),
            range("172.16.0.0/12", "private (RFC 1918)"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation (TEST-NET-1)"),
            range("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
            range("192.168.0.0/16", "private (RFC 1918)"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation (TEST-NET-2)"),
            range("203.0.113.0/24", "documentation (TEST-NET-3)"),
            never("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved"),
            never("255.255.255.255/32", "limited broadcast"),
            never("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "IPv4-compatible (deprecated)"),
            range("100::/64", "discard-only"),
            range("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID …)"),
            range("2001:db8::/32", "documentation"),
            range("3fff::/20", "documentation"),
            range("5f00::/16", "segment routing (SRv6) SIDs"),
            range("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            range("fc00::/7", "unique local"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local (deprecated)"),
            never("ff00::/8", "multicast"));

    private static List<byte[]> last32(byte[] a) {
        return List.of(Arrays.copyOfRange(a, 12, 16));
    }

    /** IPv6 forms that embed an IPv4 address (RFC 4291, 6052, 2765, 3056, 4380, 8215). */
    static final List<Embedding> EMBEDDINGS = List.of(
            // ::a.b.c.d, but not :: and ::1 (unspecified and loopback themselves)
            new Embedding(Cidr.parse("::/96"), "IPv4-compatible", a -> a[12] == 0 && a[13] == 0 && a[14] == 0
                    && (a[15] == 0 || a[15] == 1) ? List.of() : last32(a)),
            new Embedding(Cidr.parse("::ffff:0:0/96"), "IPv4-mapped", TargetValidator::last32),
            new Embedding(Cidr.parse("::ffff:0:0:0/96"), "IPv4-translated", TargetValidator::last32),
            new Embedding(Cidr.parse("64:ff9b::/96"), "NAT64", TargetValidator::last32),
            // a local-use NAT64 prefix may be a /96 inside it, or the /48 itself (IPv4 around the u-octet)
            new Embedding(Cidr.parse("64:ff9b:1::/48"), "local-use NAT64", a -> List.of(
                    Arrays.copyOfRange(a, 12, 16), new byte[]{a[6], a[7], a[9], a[10]})),
            new Embedding(Cidr.parse("2002::/16"), "6to4", a -> List.of(Arrays.copyOfRange(a, 2, 6))),
            // Teredo: the server's address, and the client's, stored with every bit inverted
            new Embedding(Cidr.parse("2001::/32"), "Teredo", a -> List.of(Arrays.copyOfRange(a, 4, 8),
                    new byte[]{(byte) ~a[12], (byte) ~a[13], (byte) ~a[14], (byte) ~a[15]})));

    private final List<Cidr> allowedCidrs = new ArrayList<>();
    private final Set<String> allowedNames = new HashSet<>();
    private final Resolver resolver;
    private final Supplier<Collection<InetAddress>> ownAddresses;

    /**
     * @param allowedTargets CIDRs ({@code 10.20.0.0/16}, {@code ::1/128}), single addresses or host names
     *                       ({@code oa.zhuhai.gov.cn}); a malformed CIDR is an error
     */
    public TargetValidator(Collection<String> allowedTargets, Resolver resolver, Supplier<Collection<InetAddress>> ownAddresses) {
        for (String t : allowedTargets) {
            String entry = t.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || Cidr.isLiteral(entry)) {
                allowedCidrs.add(Cidr.parse(entry.contains("/") ? entry
                        : entry + (entry.contains(":") ? "/128" : "/32")));
            } else {
                allowedNames.add(normalise(entry));
            }
        }
        this.resolver = resolver;
        this.ownAddresses = ownAddresses;
    }

    /** The target to call, or why not. Resolves the host once. */
    public Target check(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("the URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new Refused("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("credentials in the URL are not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the URL has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused(DOES_NOT_RESOLVE);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused(DOES_NOT_RESOLVE);
        }
        boolean allowedByName = allowedNames.contains(normalise(bare));
        // this host's addresses, read only if an address is neither allowed nor special-purpose (then once)
        Supplier<Set<String>> own = new Supplier<>() {
            private Set<String> keys;

            @Override
            public Set<String> get() {
                if (keys == null) {
                    keys = ownAddresses.get().stream().map(a -> Arrays.toString(a.getAddress())).collect(Collectors.toSet());
                }
                return keys;
            }
        };
        for (InetAddress a : addresses) {
            if (!allowed(a, allowedByName, own)) {
                throw new Refused(NOT_ALLOWED);
            }
        }
        boolean https = scheme.equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, bare, port, https, requestUri, List.of(addresses));
    }

    /** Whether one resolved address may be called (see the class comment). */
    boolean allowed(InetAddress address, boolean allowedByName, Supplier<Set<String>> own) {
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(address.getAddress());
        candidates.addAll(embeddedIpv4(address.getAddress()));
        for (byte[] c : candidates) {
            for (Range r : RANGES) {
                if (r.never() && r.cidr().contains(c)) {
                    return false;
                }
            }
        }
        if (allowedByName) {
            return true;
        }
        for (byte[] c : candidates) {
            if (allowedCidrs.stream().anyMatch(cidr -> cidr.contains(c))) {
                continue;
            }
            if (RANGES.stream().anyMatch(r -> r.cidr().contains(c)) || own.get().contains(Arrays.toString(c))) {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 addresses an IPv6 address carries (none for an IPv4 address or a plain IPv6 one). */
    static List<byte[]> embeddedIpv4(byte[] address) {
        List<byte[]> out = new ArrayList<>();
        if (address.length == 16) {
            for (Embedding e : EMBEDDINGS) {
                if (e.prefix().contains(address)) {
                    out.addAll(e.ipv4().apply(address));
                }
            }
        }
        return out;
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** An IPv4 or IPv6 network, {@code address/prefix}. */
    record Cidr(byte[] network, int prefix) {

        static boolean isLiteral(String s) {
            return s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')
                    && (s.contains(":") || s.chars().filter(ch -> ch == '.').count() == 3);
        }

        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            String ip = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!isLiteral(ip)) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(ip).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            if (ip.contains(":") && bytes.length == 4) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form of the range
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, v6, 12, 4);
                bytes = v6;
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            byte[] a = address;
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        boolean contains(InetAddress address) {
            return contains(address.getAddress());
        }
    }

}

package org.duban.notification.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class TargetValidatorTest {

    private static final Supplier<Collection<InetAddress>> NO_INTERFACES = List::of;

    /** Resolves every name to fixed addresses (no DNS in a unit test). */
    private static TargetValidator.Resolver to(String... ips) {
        return host -> {
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                out[i] = InetAddress.getByName(ips[i]);
            }
            return out;
        };
    }

    private static TargetValidator validator(List<String> allowed, TargetValidator.Resolver resolver) {
        return new TargetValidator(allowed, resolver, NO_INTERFACES);
    }

    /** Null if allowed, else the refusal's message. */
    private static String verdict(TargetValidator v, String url) {
        try {
            v.check(url);
            return null;
        } catch (TargetValidator.Refused r) {
            return r.getMessage();
        }
    }

    private static void refused(TargetValidator v, String url, String why) {
        String message = verdict(v, url);
        if (message == null) {
            fail(url + " passed; it is " + why);
        }
        assertEquals(TargetValidator.NOT_ALLOWED, message, url);
    }

    private static void passes(TargetValidator v, String url) {
        String message = verdict(v, url);
        if (message != null) {
            fail(url + " was refused: " + message);
        }
    }

    @Test
    void everySpecialPurposeAddressIsRefused() {
        String[][] table = {
                {"0.0.0.0", "this network"}, {"0.1.2.3", "this network"}, {"10.1.2.3", "private"},
                {"100.64.0.1", "CGNAT"}, {"100.127.255.254", "CGNAT"}, {"127.0.0.1", "loopback"}, {"127.255.0.9", "loopback"},
                {"169.254.169.254", "link-local / metadata"}, {"172.16.0.1", "private"}, {"172.31.255.255", "private"},
                {"192.0.0.8", "IETF"}, {"192.0.2.1", "TEST-NET-1"}, {"192.88.99.1", "6to4 relay"},
                {"192.168.1.1", "private"}, {"198.18.0.1", "benchmarking"}, {"198.19.255.1", "benchmarking"},
                {"198.51.100.7", "TEST-NET-2"}, {"203.0.113.10", "TEST-NET-3"}, {"224.0.0.1", "multicast"},
                {"239.255.255.250", "multicast"}, {"240.0.0.1", "reserved"}, {"255.255.255.255", "broadcast"},
                {"::", "unspecified"}, {"::1", "loopback"}, {"100::1", "discard-only"}, {"2001::1", "IETF / Teredo"},
                {"2001:2::1", "benchmarking"}, {"2001:db8::1", "documentation"}, {"3fff::1", "documentation"},
                {"fc00::1", "unique local"}, {"fd12:3456::1", "unique local"}, {"fe80::1", "link-local"},
                {"fec0::1", "site-local"}, {"ff02::1", "multicast"}, {"64:ff9b:1::1", "local-use NAT64"},
                {"5f00::1", "SRv6"},
        };
        for (String[] row : table) {
            refused(validator(List.of(), to(row[0])), "https://oa.example/hook", row[1] + " (" + row[0] + ")");
        }
    }

    @Test
    void anIpv6AddressIsJudgedByTheIpv4AddressItCarries() {
        String[][] table = {
                {"http://[::127.0.0.1]/hook", "IPv4-compatible loopback"},
                {"http://[::ffff:127.0.0.1]/hook", "IPv4-mapped loopback"},
                {"http://[::ffff:7f00:1]/hook", "IPv4-mapped loopback, hex"},
                {"http://[::ffff:0:7f00:1]/hook", "IPv4-translated loopback"},
                {"http://[::ffff:0:a9fe:a9fe]/hook", "IPv4-translated metadata"},
                {"http://[64:ff9b::a9fe:a9fe]/hook", "NAT64 of 169.254.169.254"},
                {"http://[64:ff9b::7f00:1]/hook", "NAT64 of loopback"},
                {"http://[64:ff9b::10.1.2.3]/hook", "NAT64 of a private address"},
                {"http://[64:ff9b:1:7f00:1::]/hook", "local-use NAT64 (/48 form) of loopback"},
                {"http://[2002:7f00:1::]/hook", "6to4 of loopback"},
                {"http://[2002:a9fe:a9fe::1]/hook", "6to4 of metadata"},
                {"http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "Teredo, client 127.0.0.1 obfuscated"},
        };
        for (String[] row : table) {
            refused(validator(List.of(), TargetValidator.DNS), row[0], row[1]);
        }
    }

    @Test
    void publicTargetsPassAndSoDoIpv6FormsOfPublicIpv4() {
        TargetValidator v = validator(List.of(), to("8.8.8.8"));
        passes(v, "https://oa.zhuhai.example/hook");
        passes(v, "http://oa.zhuhai.example:8080/hook");
        passes(validator(List.of(), to("2606:4700:4700::1111")), "https://oa.zhuhai.example/hook");
        passes(validator(List.of(), TargetValidator.DNS), "http://[64:ff9b::808:808]/hook");
        passes(validator(List.of(), TargetValidator.DNS), "http://[2002:808:808::1]/hook");
        passes(validator(List.of(), TargetValidator.DNS), "http://8.8.8.8/hook");
    }

    @Test
    void aNameWithOneBadAddressAmongGoodOnesIsRefused() {
        refused(validator(List.of(), to("8.8.8.8", "127.0.0.1")), "https://oa.example/hook", "partly loopback");
        refused(validator(List.of(), to("2606:4700::1", "fd00::1")), "https://oa.example/hook", "partly unique local");
    }

    @Test
    void theAddressesOfThisHostsOwnInterfacesAreRefused() {
        Supplier<Collection<InetAddress>> own = () -> Set.of(address("8.8.4.4"), address("2606:4700::6810:85e5"));
        refused(new TargetValidator(List.of(), to("8.8.4.4"), own), "https://oa.example/hook", "this host");
        refused(new TargetValidator(List.of(), to("2606:4700::6810:85e5"), own), "https://oa.example/hook", "this host");
        passes(new TargetValidator(List.of(), to("8.8.8.8"), own), "https://oa.example/hook");
        // the real interfaces: loopback is always one of them
        refused(new TargetValidator(List.of(), to("127.0.0.1"), TargetValidator.INTERFACES), "http://oa.example/", "loopback");
    }

    @Test
    void theInterfacesAreListedOnlyForAnAddressNeitherAllowedNorSpecialPurposeAndThenOncePerCheck() {
        java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
        Supplier<Collection<InetAddress>> own = () -> {
            listings.incrementAndGet();
            return Set.of(address("8.8.4.4"));
        };
        passes(new TargetValidator(List.of("127.0.0.0/8"), to("127.0.0.1"), own), "http://oa.example/hook");
        refused(new TargetValidator(List.of(), to("10.0.0.1"), own), "http://oa.example/hook", "private");
        assertEquals(0, listings.get(), "allowed and special-purpose addresses need no listing");
        passes(new TargetValidator(List.of(), to("8.8.8.8", "1.1.1.1"), own), "http://oa.example/hook");
        assertEquals(1, listings.get(), "two public addresses, one listing");
        refused(new TargetValidator(List.of(), to("8.8.8.8", "8.8.4.4"), own), "http://oa.example/hook", "this host");
        assertEquals(2, listings.get());
    }

    @Test
    void theInterfaceListingIsReadAgainOnceItsRefreshHasPassed() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000);
        java.util.concurrent.atomic.AtomicReference<Collection<InetAddress>> interfaces =
                new java.util.concurrent.atomic.AtomicReference<>(List.of(address("8.8.4.4")));
        java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
        Supplier<Collection<InetAddress>> listed = TargetValidator.refreshed(() -> {
            listings.incrementAndGet();
            return interfaces.get();
        }, java.time.Duration.ofSeconds(1), nanos::get);
        TargetValidator v = new TargetValidator(List.of(), to("8.8.8.8"), listed);
        passes(v, "https://oa.example/hook");
        // the host gains 8.8.8.8: within the refresh the old listing is used, after it the new one refuses the address
        interfaces.set(List.of(address("8.8.4.4"), address("8.8.8.8")));
        nanos.addAndGet(999_999_999);
        passes(v, "https://oa.example/hook");
        assertEquals(1, listings.get());
        nanos.addAndGet(1);
        refused(v, "https://oa.example/hook", "this host, since the refresh");
        assertEquals(2, listings.get());
        refused(v, "https://oa.example/hook", "this host");
        assertEquals(2, listings.get());
    }

    @Test
    void theAllowListOpensCidrsAndNamesButNeverUnspecifiedOrMulticast() {
        List<String> allowed = List.of("10.20.0.0/16", " oa.zhuhai.gov.cn ", "127.0.0.0/8", "::1/128", "192.168.7.7");
        passes(validator(allowed, to("10.20.1.5")), "https://oa-lan.example/hook");
        refused(validator(allowed, to("10.21.0.1")), "https://oa-lan.example/hook", "outside 10.20.0.0/16");
        passes(validator(allowed, to("192.168.7.7")), "https://oa-lan.example/hook");
        refused(validator(allowed, to("192.168.7.8")), "https://oa-lan.example/hook", "not the one allowed address");
        passes(validator(allowed, to("172.16.5.5")), "https://oa.zhuhai.gov.cn/duban/webhook");
        passes(validator(allowed, to("172.16.5.5")), "https://OA.Zhuhai.gov.cn./duban/webhook");
        refused(validator(allowed, to("172.16.5.5")), "https://x.oa.zhuhai.gov.cn/hook", "not the allowed name");
        refused(validator(allowed, to("0.0.0.0")), "https://oa.zhuhai.gov.cn/hook", "unspecified");
        refused(validator(allowed, to("224.0.0.251")), "https://oa.zhuhai.gov.cn/hook", "multicast");
        refused(validator(allowed, to("::")), "https://oa.zhuhai.gov.cn/hook", "unspecified");
        refused(validator(allowed, to("ff02::fb")), "https://oa.zhuhai.gov.cn/hook", "multicast");
        passes(validator(allowed, TargetValidator.DNS), "http://127.0.0.1:8080/hook");
        passes(validator(allowed, TargetValidator.DNS), "http://[::1]:8080/hook");
        passes(new TargetValidator(allowed, to("127.0.0.1"), TargetValidator.INTERFACES), "http://localhost:8080/hook");
        // an IPv4 address inside an IPv6 form is allowed by the IPv4 range
        passes(validator(allowed, TargetValidator.DNS), "http://[64:ff9b::10.20.1.1]/hook");
        refused(validator(allowed, TargetValidator.DNS), "http://[64:ff9b::169.254.169.254]/hook", "metadata");
    }

    @Test
    void aMalformedAllowListEntryIsAnError() {
        for (String bad : new String[]{"10.0.0.0/33", "10.0.0/8", "10.0.0.0/x", "::1/129", "oa.example/24"}) {
            assertThrows(IllegalArgumentException.class, () -> validator(List.of(bad), TargetValidator.DNS), bad);
        }
    }

    @Test
    void refusalsNeverNameTheResolvedAddress() {
        assertEquals(TargetValidator.NOT_ALLOWED, verdict(validator(List.of(), to("169.254.169.254")), "https://oa.example/"));
        assertEquals(TargetValidator.DOES_NOT_RESOLVE, verdict(validator(List.of(), host -> {
            throw new UnknownHostException(host + ": no such host");
        }), "https://oa.example/"));
    }

    @Test
    void otherSchemesCredentialsAndJunkAreRefused() {
        TargetValidator v = validator(List.of(), to("8.8.8.8"));
        for (String url : new String[]{"ftp://oa.example/hook", "https://user:pw@oa.example/hook", "not a url", "",
                "https:///nohost", "file:///etc/passwd"}) {
            if (verdict(v, url) == null) {
                fail(url + " passed");
            }
        }
    }

    @Test
    void theTargetKeepsTheHostForTheRequestAndTheAddressesToConnectTo() throws Exception {
        TargetValidator.Target t = validator(List.of(), to("8.8.8.8", "2606:4700::1"))
                .check("https://OA.zhuhai.example/duban/hook?unit=sfj");
        assertEquals("OA.zhuhai.example", t.host());
        assertEquals(443, t.port());
        assertEquals(true, t.https());
        assertEquals("/duban/hook?unit=sfj", t.requestUri());
        assertEquals(List.of(address("8.8.8.8"), address("2606:4700::1")), t.addresses());
        assertEquals(8080, validator(List.of(), to("8.8.8.8")).check("http://oa.example:8080").port());
        assertEquals("/", validator(List.of(), to("8.8.8.8")).check("http://oa.example:8080").requestUri());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package org.duban.notification.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetValidatorTest {

    /** Resolves every name to one fixed address (no DNS in a unit test). */
    private static TargetValidator.Resolver to(String ip) {
        return host -> new InetAddress[]{InetAddress.getByName(ip)};
    }

    private static boolean refused(String url, String resolvesTo) {
        return TargetValidator.problem(url, false, to(resolvesTo)).isPresent();
    }

    @Test
    void publicHttpsAndHttpTargetsAreAllowed() {
        assertFalse(refused("https://oa.zhuhai.example/hook", "203.0.113.10"));
        assertFalse(refused("http://oa.zhuhai.example:8080/hook", "8.8.8.8"));
    }

    @Test
    void loopbackPrivateLinkLocalAndSimilarTargetsAreRefused() {
        for (String ip : new String[]{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"}) {
            assertTrue(refused("https://oa.example/hook", ip), ip);
        }
    }

    @Test
    void literalAddressesAreJudgedToo() {
        assertTrue(TargetValidator.problem("http://127.0.0.1:8080/hook", false, TargetValidator.DNS).isPresent());
        assertTrue(TargetValidator.problem("http://[::1]/hook", false, TargetValidator.DNS).isPresent());
    }

    @Test
    void otherSchemesCredentialsAndJunkAreRefused() {
        assertTrue(refused("ftp://oa.example/hook", "8.8.8.8"));
        assertTrue(refused("https://user:pw@oa.example/hook", "8.8.8.8"));
        assertTrue(refused("not a url", "8.8.8.8"));
        assertTrue(refused("", "8.8.8.8"));
        assertTrue(refused("https:///nohost", "8.8.8.8"));
    }

    @Test
    void privateTargetsPassWhenConfigAllowsThem() {
        assertFalse(TargetValidator.problem("http://127.0.0.1:8080/hook", true, TargetValidator.DNS).isPresent());
        assertTrue(TargetValidator.problem("ftp://127.0.0.1/hook", true, TargetValidator.DNS).isPresent());
    }
}

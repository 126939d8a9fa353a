package org.duban.testsupport.security;

import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The headers every response of every service carries (common's microprofile-config.properties):
 * no MIME sniffing, never framed, and, outside the public progress, never stored by a cache.
 */
public final class ResponseHeaders {

    private ResponseHeaders() {
    }

    /** Every response: no sniffing, no framing. */
    public static void assertHardened(Response r, String what) {
        assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), what + ": X-Content-Type-Options");
        assertEquals("DENY", r.getHeader("X-Frame-Options"), what + ": X-Frame-Options");
        assertEquals("frame-ancestors 'none'", r.getHeader("Content-Security-Policy"), what + ": Content-Security-Policy");
    }

    /** A response outside {@code /api/v1/public/}: hardened and {@code Cache-Control: no-store}. */
    public static void assertPrivate(Response r, String what) {
        assertHardened(r, what);
        assertEquals(java.util.List.of("no-store"), r.getHeaders().getValues("Cache-Control"), what + ": Cache-Control");
    }
}

package org.duban.common.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Location is the configured public address plus the path, never the request's host. */
class PublicLocationTest {

    @Test
    void withoutABaseUrlOnlyThePathAndQueryAreKept() {
        assertEquals("/api/v1/units/sfj", PublicLocation.of("http://evil.example/api/v1/units/sfj", Optional.empty()));
        assertEquals("/api/v1/units/sfj?x=1", PublicLocation.of("https://evil.example:8443/api/v1/units/sfj?x=1", Optional.empty()));
        assertEquals("/api/v1/plans/1", PublicLocation.of("/api/v1/plans/1", Optional.empty()));
        assertEquals("/api/v1/a%20b", PublicLocation.of("http://h/api/v1/a%20b", Optional.of("  ")));
    }

    @Test
    void aBaseUrlReplacesSchemeAndHostAndKeepsItsOwnPrefix() {
        assertEquals("https://duban.zhuhai.gov.cn/api/v1/units/sfj",
                PublicLocation.of("http://evil.example/api/v1/units/sfj", Optional.of("https://duban.zhuhai.gov.cn")));
        assertEquals("https://gw.zhuhai.gov.cn/registry/api/v1/units/sfj",
                PublicLocation.of("http://evil.example/api/v1/units/sfj", Optional.of("https://gw.zhuhai.gov.cn/registry/")));
    }
}

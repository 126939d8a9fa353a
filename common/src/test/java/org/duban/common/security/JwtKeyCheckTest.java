package org.duban.common.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A key location given as a URL must name a host; paths are read by SmallRye JWT as they are. */
class JwtKeyCheckTest {

    @Test
    void anIdentityProvidersJwksUrlOrAFileIsAccepted() {
        assertDoesNotThrow(() -> JwtKeyCheck.check("https://idp.zhuhai.example/realms/zhuhai/protocol/openid-connect/certs"));
        assertDoesNotThrow(() -> JwtKeyCheck.check("http://127.0.0.1:8180/jwks.json"));
        assertDoesNotThrow(() -> JwtKeyCheck.check("/etc/duban/jwks.json"));
        assertDoesNotThrow(() -> JwtKeyCheck.check("file:.duban/keys/jwks.json"));
    }

    @Test
    void aUrlWithoutAHostOrNotAUrlAtAllStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> JwtKeyCheck.check("https:///jwks.json"));
        assertThrows(IllegalStateException.class, () -> JwtKeyCheck.check("https://idp zhuhai/jwks.json"));
    }
}

package org.duban.common.security;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One claim shape per role; every other shape is refused. */
class TokenClaimsTest {

    private static Map<String, Object> claims(String json) throws Exception {
        return JwtClaims.parse(json).getClaimsMap();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sub\":\"viewer:x\",\"groups\":[\"viewer\"]}",
            "{\"sub\":\"viewer:x\",\"groups\":\"viewer\"}",
            "{\"sub\":\"supervisor:x\",\"groups\":[\"supervisor\"],\"extra\":{\"a\":1}}",
            "{\"sub\":\"unit:sfj\",\"groups\":[\"unit-operator\"],\"unit\":\"sfj\"}",
            "{\"sub\":\"integration:oa\",\"groups\":[\"integration\"],\"units\":[\"sfj\",\"jtj\"]}",
            // a role outside the four grants nothing, but is not malformed
            "{\"sub\":\"x\",\"groups\":[\"auditor\"]}",
    })
    void theShapeOfEachRoleIsAccepted(String json) {
        assertDoesNotThrow(() -> TokenClaims.check(claims(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"groups\":[\"viewer\"]}",
            "{\"sub\":\"\",\"groups\":[\"viewer\"]}",
            "{\"sub\":\" \",\"groups\":[\"viewer\"]}",
            "{\"sub\":1,\"groups\":[\"viewer\"]}",
            "{\"sub\":\"x\"}",
            "{\"sub\":\"x\",\"groups\":{\"role\":\"viewer\"}}",
            "{\"sub\":\"x\",\"groups\":3}",
            "{\"sub\":\"x\",\"groups\":[]}",
            "{\"sub\":\"x\",\"groups\":[\"viewer\",null]}",
            "{\"sub\":\"x\",\"groups\":[\"\"]}",
            "{\"sub\":\"x\",\"groups\":\"\"}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\"],\"unit\":\"sfj\",\"units\":[\"jtj\"]}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\"],\"unit\":[\"sfj\"]}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\"],\"unit\":\"\"}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\"],\"unit\":5}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\"]}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"]}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":\"sfj\"}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":[]}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":[\"sfj\",\" \"]}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":[\"sfj\",{\"a\":1}]}",
            "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":[\"sfj\"],\"unit\":\"jtj\"}",
            "{\"sub\":\"x\",\"groups\":[\"unit-operator\",\"integration\"],\"unit\":\"sfj\",\"units\":[\"jtj\"]}",
            "{\"sub\":\"x\",\"groups\":[\"supervisor\"],\"units\":[\"sfj\"]}",
            "{\"sub\":\"x\",\"groups\":[\"viewer\"],\"unit\":\"sfj\"}",
    })
    void anyOtherShapeIsRefused(String json) {
        assertThrows(TokenClaims.Invalid.class, () -> TokenClaims.check(claims(json)));
    }

    @Test
    void theMessageNamesTheRuleNotTheValue() throws Exception {
        var e = assertThrows(TokenClaims.Invalid.class, () -> TokenClaims.check(claims(
                "{\"sub\":\"x\",\"groups\":[\"integration\"],\"units\":\"secret-ish\"}")));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("secret-ish"));
    }
}

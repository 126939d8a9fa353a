package org.duban.common.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a kept verification may serve, and for how long; the bounds at their edges. Time is a fake clock. */
class VerifiedTokensTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    /** One time source for the clock (exp) and the ticker (TTL), moved by the test. */
    private static final class Time {
        Instant now = T0;

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        Ticker ticker() {
            return () -> Duration.between(T0, now).toNanos();
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    /** A verifier that counts its calls and accepts (with the given exp) until told to refuse. */
    private static final class Verifier implements VerifiedTokens.Verification {
        final List<String> calls = new ArrayList<>();
        Instant exp = T0.plus(Duration.ofHours(1));
        boolean refuse;

        @Override
        public JWTCallerPrincipal verify(String token, JWTAuthContextInfo settings) throws ParseException {
            calls.add(token);
            if (refuse) {
                throw new ParseException("refused");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject("viewer:" + token);
            claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
            return new DefaultJWTCallerPrincipal(claims);
        }
    }

    private final Time time = new Time();
    private final Verifier verifier = new Verifier();
    private final JWTAuthContextInfo settings = new JWTAuthContextInfo();

    private VerifiedTokens tokens(int maxSize, int maxTokenChars) {
        return new VerifiedTokens(maxSize, TTL, maxTokenChars, time.clock(), time.ticker());
    }

    @Test
    void aVerifiedTokenIsServedFromTheCacheWithinTheTtlAndVerifiedAgainAfterIt() throws Exception {
        VerifiedTokens tokens = tokens(10, 100);
        JWTCallerPrincipal first = tokens.principal("a", settings, verifier);
        time.pass(TTL.minusSeconds(1));
        assertSame(first, tokens.principal("a", settings, verifier));
        assertEquals(1, verifier.calls.size());

        // a key removed from the key set: its tokens are refused once the TTL has passed
        verifier.refuse = true;
        time.pass(Duration.ofSeconds(1));
        assertThrows(ParseException.class, () -> tokens.principal("a", settings, verifier));
        assertEquals(2, verifier.calls.size());
    }

    @Test
    void aKeptTokenIsVerifiedAgainOnceItsExpIsReachedEvenWithinTheTtl() throws Exception {
        VerifiedTokens tokens = tokens(10, 100);
        verifier.exp = T0.plusSeconds(10);
        tokens.principal("a", settings, verifier);
        time.pass(Duration.ofSeconds(9));
        tokens.principal("a", settings, verifier);
        assertEquals(1, verifier.calls.size(), "served from the cache one second before exp");

        time.pass(Duration.ofSeconds(1));
        verifier.refuse = true; // the verifier refuses an expired token
        assertThrows(ParseException.class, () -> tokens.principal("a", settings, verifier));
        assertEquals(2, verifier.calls.size());
    }

    @Test
    void aTokenAlreadyExpiredWhenVerifiedIsNotKept() throws Exception {
        VerifiedTokens tokens = tokens(10, 100);
        verifier.exp = T0; // accepted by the verifier (e.g. within its clock-skew allowance), exp not in the future
        tokens.principal("a", settings, verifier);
        tokens.principal("a", settings, verifier);
        assertEquals(2, verifier.calls.size());
        assertEquals(0, tokens.size());
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        VerifiedTokens tokens = tokens(10, 100);
        verifier.refuse = true;
        assertThrows(ParseException.class, () -> tokens.principal("forged", settings, verifier));
        assertThrows(ParseException.class, () -> tokens.principal("forged", settings, verifier));
        assertEquals(2, verifier.calls.size());
        assertEquals(0, tokens.size());
    }

    @Test
    void aVerificationWithOtherSettingsDoesNotBorrowAKeptOne() throws Exception {
        VerifiedTokens tokens = tokens(10, 100);
        tokens.principal("a", settings, verifier);
        verifier.refuse = true; // e.g. verified against another key
        assertThrows(ParseException.class, () -> tokens.principal("a", new JWTAuthContextInfo(), verifier));
        assertEquals(2, verifier.calls.size());
    }

    @Test
    void theCacheHoldsAtMostItsSize() throws Exception {
        VerifiedTokens tokens = tokens(3, 100);
        for (String t : List.of("a", "b", "c")) {
            tokens.principal(t, settings, verifier);
        }
        assertEquals(3, tokens.size(), "at the bound: every token kept");
        tokens.principal("d", settings, verifier);
        assertEquals(3, tokens.size(), "one beyond the bound: one evicted");
        for (int i = 0; i < 100; i++) {
            tokens.principal("t" + i, settings, verifier);
        }
        assertEquals(3, tokens.size());
    }

    @Test
    void aTokenLongerThanTheLimitIsVerifiedEveryTime() throws Exception {
        VerifiedTokens tokens = tokens(10, 5);
        tokens.principal("12345", settings, verifier);
        tokens.principal("12345", settings, verifier);
        assertEquals(1, verifier.calls.size(), "at the limit: kept");
        tokens.principal("123456", settings, verifier);
        tokens.principal("123456", settings, verifier);
        assertEquals(3, verifier.calls.size(), "one character beyond: verified each time");
        assertEquals(1, tokens.size());
    }

    @Test
    void sizeZeroSwitchesTheCacheOff() throws Exception {
        VerifiedTokens tokens = tokens(0, 100);
        tokens.principal("a", settings, verifier);
        tokens.principal("a", settings, verifier);
        assertEquals(2, verifier.calls.size());
        assertEquals(0, tokens.size());
        assertThrows(IllegalArgumentException.class, () -> tokens(-1, 100));
        assertTrue(new VerifiedTokens(1, Duration.ZERO, 100).size() == 0);
    }
}

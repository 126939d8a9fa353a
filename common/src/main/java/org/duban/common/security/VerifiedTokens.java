package org.duban.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

import java.time.Clock;
import java.time.Duration;

/**
 * Bearer tokens already verified, so a client sending the same token again is not RSA-verified again
 * (the verification was 9–13 % of task-service's CPU per POST and 37 % of its allocation, issue 16).
 * <p>
 * What is kept: only tokens that passed the whole verification (signature, issuer, times, claim rules),
 * keyed by the exact token text, with the verification settings they passed under. A refused token is
 * never kept, so a made-up token cannot fill the cache, and a tampered or differently signed token is a
 * different text: it misses and is verified (and refused) as before. An entry serves only
 * <ul>
 * <li>while its token's {@code exp} is in the future (by this clock; afterwards the token is verified
 * again, so SmallRye JWT's clock-skew allowance decides exactly as without the cache);</li>
 * <li>for at most {@code ttl} after the verification: a key removed from the key set (rotation) stops
 * accepting its tokens at most {@code ttl} later than without the cache;</li>
 * <li>for the same {@link JWTAuthContextInfo} (instance) it was verified with: a verification with other
 * settings or another key never borrows this one's result.</li>
 * </ul>
 * At most {@code maxSize} entries (least recently or frequently used evicted first) and no token longer
 * than {@code maxTokenChars}: memory ≤ maxSize × (token + its parsed claims). Size 0 switches it off.
 */
public final class VerifiedTokens {

    /** Verifies a token fully (what runs on a miss). */
    @FunctionalInterface
    public interface Verification {
        JWTCallerPrincipal verify(String token, JWTAuthContextInfo settings) throws ParseException;
    }

    private record Verified(JWTCallerPrincipal principal, JWTAuthContextInfo settings, long expiresAtSecond) {
    }

    public static final int DEFAULT_MAX_SIZE = 4096;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_TOKEN_CHARS = 4096;

    private final Cache<String, Verified> cache;
    private final int maxTokenChars;
    private final Clock clock;

    public VerifiedTokens(int maxSize, Duration ttl, int maxTokenChars) {
        this(maxSize, ttl, maxTokenChars, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the clock that judges {@code exp} and the ticker that times the TTL given (tests). */
    VerifiedTokens(int maxSize, Duration ttl, int maxTokenChars, Clock clock, Ticker ticker) {
        if (maxSize < 0 || ttl.isNegative() || maxTokenChars < 0) {
            throw new IllegalArgumentException("the verified-token cache's size, TTL and token length must not be negative");
        }
        this.cache = maxSize == 0 || ttl.isZero() ? null
                : Caffeine.newBuilder()
                        .maximumSize(maxSize)
                        .expireAfterWrite(ttl)
                        .ticker(ticker)
                        // evictions run on the calling thread: no pool of its own, and the bound holds at once
                        .executor(Runnable::run)
                        .build();
        this.maxTokenChars = maxTokenChars;
        this.clock = clock;
    }

    /** The principal of {@code token}: from the cache when it may serve, else verified (and kept if it passes). */
    public JWTCallerPrincipal principal(String token, JWTAuthContextInfo settings, Verification verification)
            throws ParseException {
        if (cache == null || token == null || token.length() > maxTokenChars) {
            return verification.verify(token, settings);
        }
        long now = clock.instant().getEpochSecond();
        Verified kept = cache.getIfPresent(token);
        if (kept != null && kept.settings() == settings && now < kept.expiresAtSecond()) {
            return kept.principal();
        }
        JWTCallerPrincipal principal = verification.verify(token, settings);
        long exp = principal == null ? 0 : principal.getExpirationTime();
        if (exp > now) {
            cache.put(token, new Verified(principal, settings, exp));
        } else if (kept != null) {
            cache.invalidate(token);
        }
        return principal;
    }

    /** How many tokens are kept now (after pending evictions). */
    public long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}

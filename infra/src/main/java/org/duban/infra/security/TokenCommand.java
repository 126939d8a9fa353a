package org.duban.infra.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code deploy/local/token.sh <role> [unit-code…]}: prints a bearer JWT for the local run,
 * signed with {@code .duban/keys/private-key.pem} (generated on the local run's first start).
 * Lifetime: 12 h, or {@code DUBAN_TOKEN_TTL} (an ISO-8601 duration such as PT30M).
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !DubanTokens.ROLES.contains(args[1])) {
            System.err.println("usage: deploy/local/token.sh <role> [unit-code…]");
            System.err.println("  roles: supervisor | unit-operator <unit> | integration <unit> [<unit>…] | viewer");
            System.err.println("  e.g.   deploy/local/token.sh unit-operator sfj");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path keys = home.resolve("keys");
        if (!Files.exists(keys.resolve(DubanKeys.PRIVATE_FILE))) {
            System.err.println("No key pair in " + keys + ": start the local run once (deploy/local/run.sh) to create it.");
            System.exit(1);
        }
        String role = args[1];
        List<String> units = Arrays.asList(args).subList(2, args.length);
        String ttl = System.getenv("DUBAN_TOKEN_TTL");
        Duration lifespan = ttl == null || ttl.isBlank() ? Duration.ofHours(12) : Duration.parse(ttl);
        if (lifespan.compareTo(Duration.ofHours(24)) > 0) {
            // the services refuse it (exp - iat above DUBAN_JWT_MAX_LIFETIME_SECONDS, 24 h by default)
            System.err.println("warning: a token living longer than 24 h is refused unless the services' "
                    + "DUBAN_JWT_MAX_LIFETIME_SECONDS allows it");
        }
        try {
            System.out.println(DubanTokens.mint(DubanKeys.ensure(keys), role, units, lifespan));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}

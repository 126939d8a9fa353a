package org.duban.registry.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.duban.infra.security.DubanKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A city's identity provider as the services see it: a JWKS at an http URL on 127.0.0.1, started
 * before Quarkus. It serves {@code jwks.json} of its directory as that file is at each request,
 * so a test publishes another key by rewriting the file. The directory is found again through a
 * system property (the test and this resource may be loaded by different class loaders).
 * <p>
 * Keys: {@code a} (published from the start), {@code b} (published when the test says so),
 * {@code c} (never published).
 */
public class IdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String DIR_PROPERTY = "duban.test.idp.dir";
    static final String AUDIENCE = "duban-api";
    static final String LAST_FETCH_PROPERTY = "duban.test.idp.last-fetch";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("duban-test-idp-");
            System.setProperty(DIR_PROPERTY, dir.toString());
            publish(List.of(key("a")));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/realms/zhuhai/jwks.json", exchange -> {
                System.setProperty(LAST_FETCH_PROPERTY, Long.toString(System.nanoTime()));
                byte[] body = Files.readAllBytes(dir.resolve(DubanKeys.JWKS_FILE));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/zhuhai/jwks.json";
            // NONE replaces the inline test key set that DubanTestResource configures: only the URL counts
            return Map.of("mp.jwt.verify.publickey", "NONE",
                    "duban.jwt.public-key", url,
                    "duban.jwt.audience", AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After DubanTestResource, so that its inline key set is overridden. */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static DubanKeys key(String name) {
        return DubanKeys.ensure(Path.of(System.getProperty(DIR_PROPERTY)).resolve(name));
    }

    /** From now on the provider's key set holds exactly these keys. */
    static void publish(List<DubanKeys> keys) {
        Path file = Path.of(System.getProperty(DIR_PROPERTY)).resolve(DubanKeys.JWKS_FILE);
        try {
            Path tmp = Files.createTempFile(file.getParent(), "jwks", ".tmp");
            Files.writeString(tmp, DubanKeys.jwks(keys), StandardCharsets.US_ASCII);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns once the key set was last fetched at least {@code quiet} ago. jose4j skips a refresh
     * asked for within 300 ms of the last fetch (its guard against refresh storms); a provider
     * rotates its keys long after the services last fetched them, and so does the test.
     */
    static void awaitQuietSinceLastFetch(java.time.Duration quiet) throws InterruptedException {
        while (true) {
            String last = System.getProperty(LAST_FETCH_PROPERTY);
            long since = last == null ? Long.MAX_VALUE : System.nanoTime() - Long.parseLong(last);
            if (since >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(java.time.Duration.ofNanos(quiet.toNanos() - since).toMillis() + 1);
        }
    }
}

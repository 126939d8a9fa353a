package org.duban.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duban.infra.security.DubanKeys;
import org.duban.infra.security.DubanTokens;
import org.duban.infra.security.WebhookSecretKey;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-command local run: embedded PostgreSQL and Kafka (unless DUBAN_DB_URL /
 * KAFKA_BOOTSTRAP_SERVERS point elsewhere), the three services as processes, a little demo data,
 * then the URLs. Ctrl-C stops everything it started. State lives in {@code .duban/}.
 */
public final class LocalRun {

    static final int PG_PORT = 55432;
    static final int KAFKA_PORT = 59092;
    static final int KAFKA_CONTROLLER_PORT = 59093;

    private final Path root;
    private final Path home;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private DubanKeys keys;
    private int step;
    private final int steps = 5;

    LocalRun(Path root) {
        this.root = root;
        String h = System.getenv("DUBAN_HOME");
        this.home = h == null || h.isBlank() ? root.resolve(".duban") : Path.of(h);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        LocalRun run = new LocalRun(root);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll, "duban-local-stop"));
        try {
            run.start();
        } catch (Exception e) {
            System.err.println();
            System.err.println("Duban could not start: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    void start() throws Exception {
        Files.createDirectories(home.resolve("logs"));

        String dbUrl = env("DUBAN_DB_URL");
        String dbUser = envOr("DUBAN_DB_USER", EmbeddedPostgresServer.USER);
        String dbPassword = envOr("DUBAN_DB_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        if (dbUrl == null) {
            begin("Starting PostgreSQL 17 (embedded, data in " + rel(home.resolve("postgres")) + ") on 127.0.0.1:" + PG_PORT);
            requireFree(PG_PORT, "PostgreSQL");
            postgres = EmbeddedPostgresServer.start(home.resolve("postgres"), PG_PORT, true);
            dbUrl = postgres.serverUrl();
            done();
        } else {
            // only the server: a URL may carry credentials in its parameters
            begin("Using external PostgreSQL at " + dbUrl.replaceFirst("[?;].*$", ""));
            done();
        }
        begin("Creating the databases duban_registry, duban_task, duban_notification (if missing)");
        String[] dbs = List.of(ServiceProcess.Service.values()).stream().map(s -> s.database).toArray(String[]::new);
        EmbeddedPostgresServer.ensureDatabases(dbUrl, dbUser, dbPassword, dbs);
        done();

        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null) {
            begin("Starting Kafka (embedded KRaft broker, data in " + rel(home.resolve("kafka")) + ") on 127.0.0.1:" + KAFKA_PORT);
            requireFree(KAFKA_PORT, "Kafka");
            requireFree(KAFKA_CONTROLLER_PORT, "the Kafka controller");
            kafka = EmbeddedKafkaBroker.start(home.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT, true);
            bootstrap = kafka.bootstrapServers();
        } else {
            begin("Using external Kafka at " + bootstrap);
        }
        DubanTopics.ensure(bootstrap);
        done();

        Map<String, String> env = new HashMap<>();
        env.put("DUBAN_DB_URL", dbUrl);
        env.put("DUBAN_DB_USER", dbUser);
        env.put("DUBAN_DB_PASSWORD", dbPassword);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        // bearer JWTs: the local key pair, generated on the first start, never committed (.duban/ is ignored)
        keys = DubanKeys.ensure(home.resolve("keys"));
        env.put("DUBAN_JWT_PUBLIC_KEY", keys.jwks().toAbsolutePath().toString());
        // webhook signing secrets are stored encrypted with this key (generated on the first start, kept in .duban/keys)
        if (env(WebhookSecretKey.ENV) == null) {
            env.put(WebhookSecretKey.ENV, WebhookSecretKey.ensure(home.resolve("keys")));
        }
        // webhooks may go to receivers on this machine (an OA system tried out locally); set it to override
        if (env("DUBAN_WEBHOOKS_ALLOWED_TARGETS") == null) {
            env.put("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8,::1/128");
        }
        // the jars run in the prod profile, whose logs are JSON lines for a collector; a developer reads
        // logs/*.log (and the mocked e-mails in them) as plain text. Set it to true to see the JSON
        if (env("QUARKUS_LOG_CONSOLE_JSON_ENABLED") == null) {
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        }
        // Swagger UI is off in the prod profile unless asked for (docs/deployment.md); the local run is for trying the API
        if (env("DUBAN_SWAGGER_UI_ENABLED") == null) {
            env.put("DUBAN_SWAGGER_UI_ENABLED", "true");
        }
        boolean smtp = env("DUBAN_SMTP_HOST") != null;
        if (!smtp) {
            // no mail server here: notification-service logs each e-mail instead of sending it
            env.put("QUARKUS_MAILER_MOCK", "true");
        }
        begin("Starting unit-registry-service :8081, task-service :8082, notification-service :8083");
        for (ServiceProcess.Service s : ServiceProcess.Service.values()) {
            requireFree(s.defaultPort, s.module);
            services.add(ServiceProcess.start(root, s, s.defaultPort, env, home.resolve("logs/" + s.module + ".log")));
        }
        for (ServiceProcess sp : services) {
            sp.awaitReady(Duration.ofSeconds(120));
        }
        done();

        begin("Loading demo data (deploy/local/demo)");
        int loaded = loadDemo();
        done(loaded == 0 ? "already there" : loaded + " records");

        System.out.println();
        System.out.println("Duban is up. Swagger UI of each service:");
        System.out.println("  unit registry   http://localhost:8081/q/swagger-ui");
        System.out.println("  tasks           http://localhost:8082/q/swagger-ui");
        System.out.println("  notifications   http://localhost:8083/q/swagger-ui");
        System.out.println("Every /api/v1 call needs a bearer token (only /api/v1/public/** is open); mint one with");
        System.out.println("deploy/local/token.sh, signed with " + rel(home.resolve("keys/private-key.pem")) + ". Try it:");
        System.out.println("  TOKEN=$(deploy/local/token.sh supervisor)    # or: unit-operator sfj | integration sfj jtj | viewer");
        System.out.println("  curl -s -X POST localhost:8082/api/v1/tasks -H \"Authorization: Bearer $TOKEN\" \\");
        System.out.println("       -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"title\":\"编制政务公开年度报告\",\"deadline\":\"2026-12-31\",\"unitCodes\":[\"sfj\"]}'");
        System.out.println("  curl -s localhost:8083/api/v1/units/sfj/notifications -H \"Authorization: Bearer $TOKEN\"");
        System.out.println("  In Swagger UI: Authorize, paste the token. Roles and rules: docs/security.md");
        if (!smtp) {
            System.out.println("E-mails are written to " + rel(home.resolve("logs/notification-service.log"))
                    + " (set DUBAN_SMTP_HOST, DUBAN_SMTP_PORT … to send them).");
        }
        System.out.println("Logs in " + rel(home.resolve("logs")) + ". Press Ctrl-C to stop everything.");
    }

    /**
     * Loads the demo city (deploy/local/demo/zhuhai-2020.json: units, groups, tags) through the
     * registry's bulk import, then the demo tasks. The import is idempotent: a second start finds
     * every unit unchanged and skips the tasks.
     */
    int loadDemo() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        // the demo is loaded as the supervising office: a short-lived token from the local key pair
        String bearer = "Bearer " + DubanTokens.mint(keys, "supervisor", List.of(), Duration.ofMinutes(10));
        String city = Files.readString(root.resolve("deploy/local/demo/zhuhai-2020.json"), StandardCharsets.UTF_8);
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/v1/city/import"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(city, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (imported.statusCode() != 200) {
            throw new IOException("the demo city was refused with HTTP " + imported.statusCode() + ": " + imported.body());
        }
        int created = json.readTree(imported.body()).path("created").asInt();
        if (created == 0) {
            return 0; // demo data was loaded by an earlier run
        }
        JsonNode tasks = json.readTree(root.resolve("deploy/local/demo/tasks.json").toFile());
        for (JsonNode task : tasks) {
            // task-service learns units from the duban.units topic: give its replica a moment
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status;
            do {
                status = post(http, "http://127.0.0.1:8082/api/v1/tasks", task.toString(), bearer);
                if (status == 422) {
                    Thread.sleep(300);
                }
            } while (status == 422 && System.nanoTime() < deadline);
            if (status != 201) {
                throw new IOException("demo task was refused with HTTP " + status);
            }
            created++;
        }
        return created;
    }

    private static int post(HttpClient http, String url, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    void stopAll() {
        System.out.println();
        System.out.println("Stopping Duban ...");
        for (ServiceProcess sp : services) {
            try {
                sp.stop();
                System.out.println("  stopped " + sp.service().module);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.close();
            System.out.println("  stopped Kafka");
        }
        if (postgres != null) {
            try {
                postgres.close();
                System.out.println("  stopped PostgreSQL");
            } catch (IOException e) {
                System.err.println("  PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private long started;

    private void begin(String what) {
        step++;
        started = System.nanoTime();
        System.out.print("[" + step + "/" + steps + "] " + what + " ... ");
        System.out.flush();
    }

    private void done() {
        done(null);
    }

    private void done(String note) {
        System.out.printf("ok (%s%.1f s)%n", note == null ? "" : note + ", ", (System.nanoTime() - started) / 1e9);
    }

    private String rel(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static void requireFree(int port, String who) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " (for " + who + ") is in use: is Duban already running?");
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static String envOr(String name, String fallback) {
        String v = env(name);
        return v == null ? fallback : v;
    }
}

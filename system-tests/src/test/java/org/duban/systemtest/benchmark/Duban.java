package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;
import org.duban.systemtest.Suite;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The running suite as the harness sees it: the HTTP client, the webhook receiver (one global endpoint:
 * a call per inbox notification of any unit), the SSE arrivals of the benchmark units' streams, and the
 * inbox watcher on their rows.
 */
final class Duban {

    static final String TASK_DEADLINE = "2027-06-30";
    /** The units the harness makes start with it (the city's never do). */
    static final String UNIT_PREFIX = "bench";

    final Suite suite;
    final Http http = new Http();
    /**
     * The SSE streams' own client (as an OA system's stream reader is not its task-creating caller): its threads
     * are the CPU table's "SSE clients", not the callers'.
     */
    final HttpClient sseClient = Http.client("sse-client-");
    final WebhookReceiver receiver;
    final Arrivals sse = new Arrivals("sse");
    final List<SseListener> streams = new ArrayList<>();
    InboxWatcher inbox;
    /** The units the load goes to, each with an open SSE stream and watched inbox. */
    List<String> units;

    Duban(Suite suite, WebhookReceiver receiver) {
        this.suite = suite;
        this.receiver = receiver;
    }

    String url(Service s) {
        return suite.url(s);
    }

    Connection db(Service s) throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl(s), suite.infra().dbUser(), suite.infra().dbPassword());
    }

    /** Creates {@code n} units in the registry and waits until task- and notification-service have them. */
    List<String> newUnits(String prefix, int n) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = UNIT_PREFIX + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            Http.Answer a = http.postJson(url(Service.REGISTRY) + "/units",
                    "{\"code\":\"%s\",\"name\":\"基准单位%s\",\"type\":\"MUNICIPAL_DEPARTMENT\"}".formatted(code, code));
            require(a, 201, "unit " + code);
            codes.add(code);
        }
        newUnitsKnown(codes);
        return codes;
    }

    /** Waits until task- and notification-service's replicas have these units. */
    void newUnitsKnown(List<String> codes) throws Exception {
        int n = codes.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (replicated(Service.TASK, codes) < n || replicated(Service.NOTIFICATION, codes) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the services did not learn the units " + codes + " within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private int replicated(Service s, List<String> codes) throws SQLException {
        try (Connection c = db(s);
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM unit_replica WHERE code = ANY(?)")) {
            q.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static String taskBody(String title, List<String> unitCodes) {
        return "{\"title\":\"%s\",\"deadline\":\"%s\",\"unitCodes\":[%s]}".formatted(title, TASK_DEADLINE,
                String.join(",", unitCodes.stream().map(c -> "\"" + c + "\"").toList()));
    }

    static Http.Answer require(Http.Answer a, int status, String what) {
        if (a.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + a.status() + " " + a.body());
        }
        return a;
    }
}

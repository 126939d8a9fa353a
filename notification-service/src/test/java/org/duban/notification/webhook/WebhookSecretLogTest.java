package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook's signing secret never reaches the log: everything logged (this service's categories
 * at DEBUG) while an endpoint is registered (and the registration replayed by Idempotency-Key),
 * rotated, and called until its delivery is a dead letter is searched for both secrets.
 */
@QuarkusTest
class WebhookSecretLogTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(r.getLoggerName()).append(' ')
                    .append(r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level dubanLevel;

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        Logger duban = Logger.getLogger("org.duban");
        dubanLevel = duban.getLevel();
        duban.setLevel(org.jboss.logmanager.Level.DEBUG);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("org.duban").setLevel(dubanLevel);
    }

    @Test
    void noSecretIsEverLogged() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String unit = TaskEvents.newUnit();
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = Map.of("url", receiver.url(), "unitCode", unit);
            String secret = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            String id = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/webhooks").then().statusCode(201).header("Idempotent-Replayed", "true")
                    .extract().path("endpoint.id");
            String rotated = given().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200)
                    .extract().path("secret");
            receiver.afterScript(x -> new Receiver.Answer(500, Map.of()));
            TaskEvents.assign(UUID.randomUUID(), unit, "密钥不入日志");
            await().atMost(Duration.ofSeconds(30)).until(() -> logged.stream().anyMatch(l -> l.contains("dead letter")));

            assertTrue(logged.size() > 0, "something was logged");
            for (String line : logged) {
                assertFalse(line.contains(secret), "the secret is in the log: " + line);
                assertFalse(line.contains(rotated), "the rotated secret is in the log: " + line);
                assertFalse(line.contains(secret.substring("whsec_".length())), "the secret's key is in the log: " + line);
            }
        }
    }
}

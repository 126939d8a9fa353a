package org.duban.systemtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner NoSecretsInLogsSystemTest relies on, proven on planted lines: it must find what it looks for. */
class LogScanTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzdXBlcnZpc29yIn0.c2lnbmF0dXJl";
    static final String SECRET = "whsec_q1w+2e/3r4t5y6u7i8o9p0a1s2d3f4g5";

    @Test
    void aTokenOrSecretPlantedInAPlainOrJsonLineIsFoundAndCleanLinesAreNot() {
        List<String> lines = List.of(
                "2026-12-02 07:00:00,000 INFO  [io.quarkus] (main) task-service started in 3.1s",
                "2026-12-02 07:00:01,000 DEBUG [org.jboss.resteasy.reactive.client.logging] Request: GET http://127.0.0.1/api/v1/units Headers[Authorization=Bearer " + TOKEN + "]",
                "{\"timestamp\":\"2026-12-02T07:00:02Z\",\"level\":\"INFO\",\"message\":\"registered endpoint with " + SECRET + "\",\"mdc\":{}}",
                // the same secret written with JSON escapes: only the decoded value shows it
                "{\"message\":\"secret " + SECRET.replace("/", "\\/").replace("+", "\\u002b") + "\"}",
                "{\"message\":\"a token of another run: Bearer " + "eyJ0eXAiOiJKV1QifQ.e30.x" + "\"}",
                "{\"message\":\"eyJ alone is a word, not a token\",\"mdc\":{\"eventId\":\"5f0c…\"}}");

        List<String> found = LogScan.findings(lines, List.of(TOKEN, SECRET));

        assertEquals(4, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("line 2: secret #1"), found.get(0));
        assertTrue(found.get(1).startsWith("line 3: secret #2"), found.get(1));
        assertTrue(found.get(2).startsWith("line 4: secret #2"), found.get(2));
        assertTrue(found.get(3).startsWith("line 5: a JWT"), found.get(3));
        for (String f : found) {
            assertFalse(f.contains(TOKEN) || f.contains(SECRET), "a finding repeats the secret: " + f);
        }
    }
}

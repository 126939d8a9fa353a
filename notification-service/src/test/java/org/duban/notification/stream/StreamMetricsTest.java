package org.duban.notification.stream;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.duban.infra.security.DubanTokens;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.Scrape;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * duban_sse_streams on a real scrape: one more while a client holds a stream open, back when the
 * client closes its connection or the stream ends on its own (the token expired). The client is a
 * plain socket, so "closed" means the TCP connection is gone, as when a browser tab closes.
 */
@QuarkusTest
class StreamMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    static double streams() {
        return Scrape.now().value("duban_sse_streams");
    }

    /** Opens the unit's stream on a raw connection and reads the status line. */
    private Socket open(String unit, String token) throws Exception {
        Socket s = new Socket(base.getHost(), base.getPort());
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/units/" + unit + "/notifications/stream HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertTrue(status != null && status.contains(" 200"), "stream opened: " + status);
        return s;
    }

    @Test
    void anOpenStreamCountsOneAndAClosedClientBringsItBack() throws Exception {
        String unit = TaskEvents.newUnit();
        double before = streams();
        Socket client = open(unit, TestKeys.token("unit-operator", unit));
        await().atMost(WAIT).until(() -> streams() == before + 1);

        client.close();
        await().atMost(WAIT).until(() -> streams() == before);
        assertEquals(before, streams(), 0.0);
    }

    @Test
    void aStreamEndedByItsTokenIsNoLongerCounted() throws Exception {
        String unit = TaskEvents.newUnit();
        double before = streams();
        String shortLived = DubanTokens.mint(TestKeys.get(), "unit-operator", List.of(unit), Duration.ofSeconds(3));
        try (Socket client = open(unit, shortLived)) {
            await().atMost(WAIT).until(() -> streams() == before + 1);
            // the client stays connected; the server ends the stream when the token expires
            await().atMost(WAIT).until(() -> streams() == before);
        }
    }
}

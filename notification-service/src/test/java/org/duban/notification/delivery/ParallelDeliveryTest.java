package org.duban.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.notification.inbox.TaskEvents;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the worker sends in parallel, within its bounds, and still sends each (event, unit,
 * endpoint) once. Receivers count calls by webhook-id and measure how many of their calls overlap;
 * each holds a call until as many as the bound are in flight (or a second passed), so a worker that
 * overstepped the bound would be caught with more.
 */
@QuarkusTest
class ParallelDeliveryTest {

    @ConfigProperty(name = "duban.notification.deliveries.max-per-endpoint")
    int perEndpoint;

    /** An OA receiver with as many threads as callers: it limits nothing, it measures. */
    static final class CountingReceiver implements AutoCloseable {
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final Object gate = new Object();
        /** Open unless {@link #gated}: every call waits for {@link #open} (up to 30 s), counted as arrived and in flight. */
        private final java.util.concurrent.CountDownLatch held;

        CountingReceiver(int holdUntil) throws IOException {
            this(holdUntil, false);
        }

        /** Holds every call until {@link #open} (then answers at once). */
        static CountingReceiver gated() throws IOException {
            return new CountingReceiver(1, true);
        }

        private CountingReceiver(int holdUntil, boolean gated) throws IOException {
            held = new java.util.concurrent.CountDownLatch(gated ? 1 : 0);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                if (held.getCount() > 0) {
                    calls.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), k -> new AtomicInteger())
                            .incrementAndGet();
                    try {
                        held.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                synchronized (gate) {
                    gate.notifyAll();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    long left;
                    while (inFlight.get() < holdUntil && (left = end - System.nanoTime()) > 0) {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(gate, left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
                calls.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), k -> new AtomicInteger())
                        .incrementAndGet();
                // out of the count before the answer: the worker starts the next call only after it
                inFlight.decrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        void open() {
            held.countDown();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public void close() {
            open();
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static void register(CountingReceiver r, String unit) {
        given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", unit))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void manyDeliveriesToSeveralEndpointsAreSentInParallelWithinTheBoundEachOnce() throws Exception {
        int toA = 24;
        int toB = 8;
        try (CountingReceiver a1 = new CountingReceiver(perEndpoint); CountingReceiver a2 = new CountingReceiver(perEndpoint);
             CountingReceiver b1 = new CountingReceiver(perEndpoint)) {
            String unitA = TaskEvents.newUnit();
            String unitB = TaskEvents.newUnit();
            register(a1, unitA);
            register(a2, unitA);
            register(b1, unitB);
            for (int i = 0; i < Math.max(toA, toB); i++) {
                if (i < toA) {
                    TaskEvents.assign(UUID.randomUUID(), unitA, "并行推送甲" + i);
                }
                if (i < toB) {
                    TaskEvents.assign(UUID.randomUUID(), unitB, "并行推送乙" + i);
                }
            }

            // every delivery recorded as sent (then nothing is in flight, and the receivers' counts are final)
            await().atMost(Duration.ofSeconds(90)).until(() -> succeeded(List.of(unitA, unitB)) == 2 * toA + toB);
            assertEquals(toA, a1.calls.size(), "each delivery of endpoint a1 arrived");
            assertEquals(toA, a2.calls.size());
            assertEquals(toB, b1.calls.size());
            assertEquals(toA, a1.total(), "no webhook-id twice at a1: " + a1.calls);
            assertEquals(toA, a2.total(), "no webhook-id twice at a2: " + a2.calls);
            assertEquals(toB, b1.total(), "no webhook-id twice at b1: " + b1.calls);
            assertEquals(2L * toA + toB, attempts(List.of(unitA, unitB)), "one attempt per delivery");

            for (CountingReceiver r : List.of(a1, a2, b1)) {
                assertTrue(r.maxInFlight.get() <= perEndpoint,
                        "at most " + perEndpoint + " calls at once to one endpoint, saw " + r.maxInFlight.get());
            }
            assertTrue(a1.maxInFlight.get() > 1 && a2.maxInFlight.get() > 1,
                    "calls to one endpoint overlap (sent in parallel): " + a1.maxInFlight.get() + ", " + a2.maxInFlight.get());
        }
    }

    private static long succeeded(List<String> units) {
        return QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("unitCode in ?1 and channel = 'webhook' and status = 'SUCCEEDED'", units));
    }

    private static long attempts(List<String> units) {
        return QuarkusTransaction.requiringNew().call(() ->
                DeliveryAttempt.count("deliveryId in (select d.id from Delivery d where d.unitCode in ?1 and d.channel = 'webhook')",
                        units));
    }
}

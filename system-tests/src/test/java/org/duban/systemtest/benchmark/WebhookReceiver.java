package org.duban.systemtest.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OA system's webhook receiver: answers 204 at once and notes each call (webhook-id, the
 * notification's type, unit, task and plan document number) in {@link #arrivals}, when its body was read.
 */
final class WebhookReceiver implements AutoCloseable {

    final Arrivals arrivals = new Arrivals("webhook");
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32, new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, "webhook-receiver-" + n.incrementAndGet());
        }
    });

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long at = System.nanoTime();
            JsonNode n = Http.JSON.readTree(body);
            JsonNode d = n.path("data");
            arrivals.add(new Arrivals.Arrival(d.path("taskId").asText(null), d.path("unitCode").asText(),
                    n.path("type").asText(), exchange.getRequestHeaders().getFirst("webhook-id"),
                    d.path("documentNumber").asText(null), at));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

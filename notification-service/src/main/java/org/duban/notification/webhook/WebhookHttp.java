package org.duban.notification.webhook;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One webhook POST over Vert.x core's HTTP client, to the address the {@link TargetValidator}
 * checked: the connection goes to that address (no name resolution here), while the Host header,
 * TLS SNI and the certificate check use the URL's host. Redirects are not followed, and at most
 * {@code maxResponseBytes} of the answer are read: then the connection is closed.
 * <p>
 * Connections are kept alive between calls (issue 16: a new TCP and TLS handshake per call cost
 * more than the call), for at most {@link #KEEP_ALIVE_IDLE} idle. Each call still checks its target
 * anew: a kept connection is reused only for the same checked address, URL host and scheme (the
 * client pools by server address and host), so a name now resolving elsewhere gets a new connection
 * to the newly checked address, and one now refused gets no call at all.
 */
public final class WebhookHttp implements AutoCloseable {

    /** The answer: status, Retry-After, the start of the body (at most the limit), whether the body was cut. */
    public record Answer(int status, String retryAfter, String body, boolean truncated) {
    }

    /** A call that got no answer; the message names no address (it is shown to the endpoint's owner). */
    public static final class Failed extends Exception {
        public Failed(String message) {
            super(message, null, false, false);
        }
    }

    public static final String COULD_NOT_CONNECT = "could not connect";

    /**
     * An idle kept connection is closed after this: below the idle timeouts receivers commonly use
     * (Node.js 5 s, nginx 75 s), so the client, not the receiver, closes it and a call seldom meets
     * a connection the receiver just dropped.
     */
    public static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(4);

    private final HttpClient client;
    private final int maxResponseBytes;
    private final Duration timeout;

    public WebhookHttp(Vertx vertx, HttpClientOptions base, Duration timeout, int maxResponseBytes) {
        this(vertx, base, timeout, maxResponseBytes, new PoolOptions().getHttp1MaxSize());
    }

    /** {@code maxConnectionsPerServer}: calls to one host and port at once (Vert.x' default is 5). */
    public WebhookHttp(Vertx vertx, HttpClientOptions base, Duration timeout, int maxResponseBytes,
                       int maxConnectionsPerServer) {
        HttpClientOptions options = new HttpClientOptions(base)
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) KEEP_ALIVE_IDLE.toSeconds())
                .setPipelining(false)
                .setVerifyHost(true)
                .setMaxRedirects(0);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnectionsPerServer));
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** POSTs {@code body} to the target at {@code address}; blocks until the answer or the timeout. */
    public Answer post(TargetValidator.Target target, java.net.InetAddress address, Map<String, String> headers,
                       String body) throws Failed {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        Promise<Answer> answer = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        client.request(options)
                .compose(req -> {
                    sent[0] = req;
                    // the body handlers are set on the event loop as the response arrives: set later (a listener
                    // of the composed future, run as a separate task), a short answer may already have ended and
                    // its status would be lost to a timeout
                    req.response().onSuccess(resp -> read(resp, answer));
                    return req.send(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
                })
                .onFailure(answer::tryFail);
        try {
            return answer.future().toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (sent[0] != null) {
                sent[0].reset();
            }
            throw new Failed("no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Failed(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }

    /** Reads at most the limit; then stops reading and closes the connection. */
    private void read(HttpClientResponse resp, Promise<Answer> answer) {
        Buffer got = Buffer.buffer();
        String retryAfter = resp.getHeader("retry-after");
        try {
            readBody(resp, answer, got, retryAfter);
        } catch (IllegalStateException ended) {
            // the response ended before its handlers were set: status and headers are known, the body is not
            answer.tryComplete(new Answer(resp.statusCode(), retryAfter, "", false));
        }
    }

    private void readBody(HttpClientResponse resp, Promise<Answer> answer, Buffer got, String retryAfter) {
        resp.exceptionHandler(e -> answer.tryComplete(new Answer(resp.statusCode(), retryAfter, text(got), true)));
        resp.handler(chunk -> {
            int room = maxResponseBytes - got.length();
            if (chunk.length() <= room) {
                got.appendBuffer(chunk);
                return;
            }
            got.appendBuffer(chunk, 0, Math.max(room, 0));
            if (answer.tryComplete(new Answer(resp.statusCode(), retryAfter, text(got), true))) {
                resp.pause();
                resp.request().reset(); // HTTP/1.1: closes the connection, the rest is never read
            }
        });
        resp.endHandler(v -> answer.tryComplete(new Answer(resp.statusCode(), retryAfter, text(got), false)));
    }

    private static String text(Buffer b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    /** What went wrong, by kind: exception messages of the network layer quote the address connected to. */
    static String describe(Throwable e) {
        String kind = e == null ? "" : e.getClass().getName();
        if (e instanceof io.netty.channel.ConnectTimeoutException || kind.endsWith("ConnectTimeoutException")) {
            return "could not connect within the timeout";
        }
        if (e instanceof java.net.ConnectException || kind.contains("ConnectException")) {
            return COULD_NOT_CONNECT;
        }
        if (e instanceof javax.net.ssl.SSLException || kind.contains("Ssl") || kind.contains("SSL")) {
            return "the TLS handshake failed (certificate or protocol)";
        }
        if (e instanceof java.util.concurrent.TimeoutException || kind.contains("Timeout")) {
            return "no answer within the timeout";
        }
        if (e instanceof io.vertx.core.http.HttpClosedException || kind.contains("Closed")) {
            return "the connection was closed before an answer";
        }
        return "the call failed (" + (e == null ? "unknown" : e.getClass().getSimpleName()) + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}

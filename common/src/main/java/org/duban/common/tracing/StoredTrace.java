package org.duban.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C trace context kept with a row whose work continues later on another thread (an outbox
 * event, a webhook delivery), so that work joins the trace of the request that caused it. Both
 * parts are null when tracing is off (quarkus.otel.sdk.disabled: the propagator is a no-op) or
 * when no span was current.
 *
 * @param traceparent the {@code traceparent} header, e.g. {@code 00-<trace id>-<span id>-01}
 * @param tracestate  the {@code tracestate} header, or null
 */
public record StoredTrace(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** The trace context of the current span. */
    public static StoredTrace current(OpenTelemetry otel) {
        Map<String, String> carrier = new HashMap<>(2);
        otel.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return new StoredTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The stored context as a parent; the root context (a new trace) when none was stored. */
    public Context restore(OpenTelemetry otel) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return otel.getPropagators().getTextMapPropagator().extract(Context.root(), carrier, MAP);
    }

    /** The trace context a Kafka record carries in its headers (the root context when none). */
    public static Context fromKafka(OpenTelemetry otel, Headers headers) {
        TextMapPropagator propagator = otel.getPropagators().getTextMapPropagator();
        return propagator.extract(Context.root(), headers, KAFKA);
    }

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Headers> KAFKA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header h : carrier) {
                keys.add(h.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };
}

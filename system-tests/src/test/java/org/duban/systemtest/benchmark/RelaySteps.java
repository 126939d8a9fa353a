package org.duban.systemtest.benchmark;

import org.duban.infra.ServiceProcess.Service;
import org.duban.testsupport.PrometheusText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The relay's hop split (issue 16): task-service's {@code duban_outbox_relay_step_seconds} histogram, per event from
 * its {@code occurred_at} to the writing transaction's commit, the relay's read, Kafka's ack and the mark, read from
 * {@code /q/metrics} before and after a phase. Every event of the phase counts (not only {@code task.assigned}); a
 * figure is a bucket's upper bound (Micrometer's percentile histogram), so it is an upper estimate of the percentile.
 */
final class RelaySteps {

    static final String METRIC = "duban_outbox_relay_step_seconds_bucket";
    static final String[][] STEPS = {{"committed", "outbox row written → its transaction committed"},
            {"read", "outbox row written → read by the relay"}, {"acked", "outbox row written → broker acked"},
            {"marked", "outbox row written → marked published (committed)"}};

    /** Cumulative counts by step and bucket bound (seconds). */
    record Buckets(Map<String, TreeMap<Double, Double>> byStep) {
    }

    static Buckets scrape(Duban d) {
        Map<String, TreeMap<Double, Double>> out = new HashMap<>();
        Http.Answer a = d.http.get(d.suite.process(Service.TASK).baseUrl() + "/q/metrics", "text/plain");
        if (a.status() != 200) {
            System.out.println("[benchmark] task-service's /q/metrics answered " + a.status() + ": no relay steps");
            return new Buckets(out);
        }
        for (PrometheusText.Sample s : PrometheusText.parse(a.body())) {
            if (s.name().equals(METRIC)) {
                String le = s.labels().get("le");
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                out.computeIfAbsent(s.labels().get("step"), k -> new TreeMap<>()).merge(bound, s.value(), Double::sum);
            }
        }
        return new Buckets(out);
    }

    /** The steps of the events relayed since {@code before}, as segments (each value a bucket's bound, in ms). */
    static List<PathTimes.Segment> since(Duban d, Buckets before) {
        Buckets after = scrape(d);
        List<PathTimes.Segment> out = new ArrayList<>();
        for (String[] step : STEPS) {
            TreeMap<Double, Double> a = after.byStep().getOrDefault(step[0], new TreeMap<>());
            TreeMap<Double, Double> b = before.byStep().getOrDefault(step[0], new TreeMap<>());
            List<Double> values = new ArrayList<>();
            double cumulativeBefore = 0;
            double lastFinite = 0;
            for (Map.Entry<Double, Double> e : a.entrySet()) {
                double cumulative = e.getValue() - b.getOrDefault(e.getKey(), 0.0);
                long inBucket = Math.round(cumulative - cumulativeBefore);
                double ms = e.getKey().isInfinite() ? lastFinite * 1000 : e.getKey() * 1000;
                for (long i = 0; i < inBucket; i++) {
                    values.add(ms);
                }
                cumulativeBefore = cumulative;
                if (!e.getKey().isInfinite()) {
                    lastFinite = e.getKey();
                }
            }
            out.add(new PathTimes.Segment("relay meter: " + step[1] + " (bucket bound)", Latencies.ofMillis(values)));
        }
        return out;
    }

    private RelaySteps() {
    }
}

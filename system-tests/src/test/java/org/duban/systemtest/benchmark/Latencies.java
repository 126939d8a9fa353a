package org.duban.systemtest.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * A sample of durations in milliseconds and its percentiles by the nearest-rank method (the value at
 * rank ceil(p/100 × n) of the sorted sample: always a measured value, never interpolated). The one
 * percentile code of the harness.
 */
record Latencies(double[] sortedMillis) {

    static Latencies ofMillis(Collection<Double> millis) {
        double[] a = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return new Latencies(a);
    }

    static Latencies ofNanos(Collection<Long> nanos) {
        return ofMillis(nanos.stream().map(n -> n / 1e6).toList());
    }

    int n() {
        return sortedMillis.length;
    }

    /** The p-th percentile (0 < p ≤ 100), NaN for an empty sample. */
    double p(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
        return sortedMillis[Math.max(1, Math.min(rank, sortedMillis.length)) - 1];
    }

    double max() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
    }
}

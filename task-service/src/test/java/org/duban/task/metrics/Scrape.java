package org.duban.task.metrics;

import org.duban.testsupport.PrometheusText;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** One GET /q/metrics in the Prometheus text format, read as series (name, labels) → value. */
record Scrape(String text, List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {
    }

    static Scrape take() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return new Scrape(text, PrometheusText.parse(text).stream()
                .map(x -> new Series(x.name(), x.labels(), x.value())).toList());
    }

    /** The sum of the series named {@code name} whose labels include {@code labels} (name, value, name, value …). */
    double sum(String name, String... labels) {
        return series.stream().filter(s -> s.name.equals(name) && has(s, labels)).mapToDouble(Series::value).sum();
    }

    /** Whether a series named {@code name} with these labels exists. */
    boolean has(String name, String... labels) {
        return series.stream().anyMatch(s -> s.name.equals(name) && has(s, labels));
    }

    List<Series> named(String name) {
        return series.stream().filter(s -> s.name.equals(name)).toList();
    }

    private static boolean has(Series s, String[] labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}

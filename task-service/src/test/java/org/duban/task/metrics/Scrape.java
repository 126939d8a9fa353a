package org.duban.task.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** One GET /q/metrics in the Prometheus text format, read as series (name, labels) → value. */
record Scrape(String text, List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Scrape take() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new java.util.HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new Scrape(text, series);
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

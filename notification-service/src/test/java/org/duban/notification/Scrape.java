package org.duban.notification;

import org.duban.testsupport.PrometheusText;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * One real scrape of /q/metrics (Prometheus text format), read as an operator's Prometheus would:
 * a sample is named by its Prometheus name and its labels.
 */
public final class Scrape {

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    public static Scrape now() {
        return new Scrape(given().auth().none().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the sample {@code name} whose labels are exactly {@code labels}; fails when the
     * scrape has no such sample (a meter that is not registered, or registered under another name).
     */
    public double value(String name, Map<String, String> labels) {
        return PrometheusText.parse(text).stream()
                .filter(x -> x.name().equals(name) && x.labels().equals(labels))
                .mapToDouble(PrometheusText.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in the scrape of /q/metrics:\n"
                        + samplesOf(name)));
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    private String samplesOf(String name) {
        StringBuilder b = new StringBuilder();
        String prefix = name.replaceAll("_(total|count|sum|max)$", "");
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix) || line.startsWith("duban_")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}

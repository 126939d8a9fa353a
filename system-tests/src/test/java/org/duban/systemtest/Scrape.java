package org.duban.systemtest;

import org.duban.testsupport.PrometheusText;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/** One scrape of a process's /q/metrics (Prometheus text format), read as samples. */
final class Scrape {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final String source;
    final List<Sample> samples;

    private Scrape(String source, List<Sample> samples) {
        this.source = source;
        this.samples = samples;
    }

    /** GET {baseUrl}/q/metrics; unauthenticated, as Prometheus scrapes it. */
    static Scrape of(String baseUrl) {
        String text = given().auth().none().accept("text/plain")
                .get(baseUrl + "/q/metrics").then().statusCode(200).extract().asString();
        return parse(baseUrl, text);
    }

    static Scrape parse(String source, String text) {
        return new Scrape(source, PrometheusText.parse(text).stream()
                .map(x -> new Sample(x.name(), x.labels(), x.value())).toList());
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The label names a metric's samples carry (empty when there is no such sample). */
    Set<String> labelNames(String name) {
        Set<String> labels = new TreeSet<>();
        samples.stream().filter(s -> s.name().equals(name)).forEach(s -> labels.addAll(s.labels().keySet()));
        return labels;
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The sum of the samples named {@code name} whose labels include {@code match}; 0 when there is none. */
    double sum(String name, Map<String, String> match) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, Map.of());
    }

    static Set<String> names(Collection<Scrape> scrapes) {
        Set<String> names = new TreeSet<>();
        scrapes.forEach(s -> names.addAll(s.names()));
        return names;
    }

    static Set<String> labelNames(Collection<Scrape> scrapes, String name) {
        Set<String> labels = new TreeSet<>();
        scrapes.forEach(s -> labels.addAll(s.labelNames(name)));
        return labels;
    }
}

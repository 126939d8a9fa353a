package org.duban.registry.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.duban.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the registry has common's outbox meters by inheritance (it publishes duban.units), the
 * pool's and HTTP by route template, at /q/metrics.
 */
@QuarkusTest
class RegistryMetricsTest {

    private static String scrape() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series {@code series} (name and labels as Prometheus prints them); 0 if none. */
    private static double value(String scrape, String series) {
        PrometheusText.Sample wanted = PrometheusText.parse(series + " 0").get(0);
        return PrometheusText.parse(scrape).stream()
                .filter(x -> x.name().equals(wanted.name()) && x.labels().equals(wanted.labels()))
                .mapToDouble(PrometheusText.Sample::value).findFirst().orElse(0);
    }

    @Test
    void aCreatedUnitIsCountedAsPublishedOnDubanUnitsAndTheBacklogReturnsToZero() {
        String published = "duban_outbox_published_total{topic=\"duban.units\"}";
        double before = value(scrape(), published);
        String code = "met-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("""
                        {"code":"%s","name":"珠海市计量局%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, code))
                .post("/api/v1/units").then().statusCode(201);
        given().get("/api/v1/units/" + code).then().statusCode(200);

        // the relay publishes at once; the backlog gauges are re-read every duban.outbox.state-refresh
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String s = scrape();
            assertEquals(before + 1, value(s, published), s.lines().filter(l -> l.startsWith("duban_outbox")).toList().toString());
            assertEquals(0, value(s, "duban_outbox_backlog"));
        });
        String s = scrape();
        assertTrue(s.contains("\nduban_outbox_oldest_age_seconds "), "oldest age gauge");
        assertTrue(PrometheusText.parse(s).stream().anyMatch(x -> x.name().equals("duban_outbox_publish_seconds_count")
                && "acked".equals(x.labels().get("outcome"))), "publish timer");
        assertTrue(s.contains("\nagroal_active_count{"), "datasource pool");
        assertTrue(s.contains("uri=\"/units/{code}\""), "HTTP by route template (below /api/v1)");
        assertFalse(s.contains(code), "a unit code appears in the scrape");
    }
}

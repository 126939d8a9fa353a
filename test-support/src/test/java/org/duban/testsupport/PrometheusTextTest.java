package org.duban.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesWithTrailingCommasEscapesAndExemplars() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                # HELP duban_tasks_created_total Tasks created
                # TYPE duban_tasks_created_total counter
                duban_tasks_created_total 3.0
                kafka_consumer_fetch_manager_records_lag_max{client_id="kafka-consumer-units",topic="duban.units",} 0.0
                http_server_requests_seconds_count{method="GET",uri="/tasks/{id}",outcome="SUCCESS",status="200"} 7.0 1796201770631
                duban_events_consumed_total{consumer="notification-inbox",outcome="applied",type="task.assigned"} 2.0 # {span_id="084dd5ac84fd7f80",trace_id="66a2ae822c9fda59abbf13aa1fb609d6"} 1.0 1796201765.280
                odd{v="a \\"quoted\\", {braced} \\\\ value"} +Inf
                """);
        assertEquals(5, samples.size());
        assertEquals(new PrometheusText.Sample("duban_tasks_created_total", Map.of(), 3.0), samples.get(0));
        assertEquals(Map.of("client_id", "kafka-consumer-units", "topic", "duban.units"), samples.get(1).labels());
        assertEquals("/tasks/{id}", samples.get(2).labels().get("uri"));
        assertEquals(7.0, samples.get(2).value());
        assertEquals(2.0, samples.get(3).value(), "the value, not the exemplar's");
        assertEquals("task.assigned", samples.get(3).labels().get("type"));
        assertEquals("a \"quoted\", {braced} \\ value", samples.get(4).labels().get("v"));
        assertEquals(Double.POSITIVE_INFINITY, samples.get(4).value());
    }
}

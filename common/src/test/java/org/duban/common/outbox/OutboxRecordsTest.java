package org.duban.common.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * hinbox: the relay builds its records itself (no longer through the connector's emitter); consumers read the
 * CloudEvents binary-mode headers the connector used to write, so the record must carry exactly those.
 */
class OutboxRecordsTest {

    private static final UUID ID = UUID.fromString("0b7f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b");

    @Test
    void aRowBecomesABinaryModeCloudEventWithTheConnectorsHeadersKeyAndPayload() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 3, 4, 5, 6, 789_000_000, ZoneOffset.UTC);
        OutboxRow row = new OutboxRow(7, ID, "duban.task-events", "task-1", "task.assigned", "/duban/task-service",
                "assignment-9", at, "{\"task\":{\"title\":\"编制年度报告\"}}", null, null);

        ProducerRecord<String, String> r = OutboxRecords.of(row);

        assertEquals("duban.task-events", r.topic());
        assertEquals("task-1", r.key());
        assertEquals("{\"task\":{\"title\":\"编制年度报告\"}}", r.value());
        assertNull(r.partition(), "the partition comes from the key");
        assertNull(r.timestamp(), "the producer stamps the record");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ce_specversion", "1.0");
        expected.put("ce_id", ID.toString());
        expected.put("ce_type", "task.assigned");
        expected.put("ce_source", "/duban/task-service");
        expected.put("ce_subject", "assignment-9");
        expected.put("ce_datacontenttype", "application/json");
        expected.put("content-type", "application/json");
        expected.put("ce_time", "2026-12-03T04:05:06.789Z");
        assertEquals(expected, headers(r));
    }

    @Test
    void aRowWithoutSubjectHasNoSubjectHeaderAndKeepsItsOffset() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.ofHours(8));
        OutboxRow row = new OutboxRow(8, ID, "duban.units", "zhuhai-sfj", "unit.snapshot", "/duban/unit-registry-service",
                null, at, "{}", null, null);

        Map<String, String> h = headers(OutboxRecords.of(row));

        assertEquals(null, h.get("ce_subject"));
        assertEquals("2026-12-03T12:00:00+08:00", h.get("ce_time"));
        assertEquals(7, h.size());
    }

    private static Map<String, String> headers(ProducerRecord<String, String> r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            if (out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)) != null) {
                throw new AssertionError("header twice: " + h.key());
            }
        }
        return out;
    }
}

package org.duban.notification;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.duban.infra.KafkaProbe;
import org.duban.infra.TestInfra;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Publishes unit snapshots on duban.units as the registry does, so the replica knows units and contacts. */
public final class Units {
    private Units() {
    }

    public static void publish(String code, String name, String type, String contactsJson) {
        String json = """
                {"code":"%s","name":"%s","shortName":null,"aliases":[],"type":"%s","parent":"szf","tags":[],
                 "contacts":%s,"active":true,"version":0}""".formatted(code, name, type, contactsJson);
        ProducerRecord<String, String> r = new ProducerRecord<>("duban.units", code, json);
        r.headers().add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_type", "unit.snapshot".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_source", "/duban/unit-registry-service".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader("ce_subject", code.getBytes(StandardCharsets.UTF_8)));
        KafkaProbe.send(TestInfra.get().bootstrapServers(), r);
    }

    /** A unit with one contact {@code <code>@units.example}. */
    public static String withContact(String code) {
        return "[{\"name\":\"联络员\",\"phone\":null,\"email\":\"" + code + "@units.example\",\"primary\":true}]";
    }
}

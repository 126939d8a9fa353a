package org.duban.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.duban.notification.Units;
import org.duban.notification.email.SmtpServer;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "done when": one task assigned to 市直各单位 (every municipal unit of the Zhuhai demo
 * data, as the registry resolves the group: types MUNICIPAL_DEPARTMENT and DIRECT_AGENCY) tells
 * each unit exactly once in its inbox, e-mails each contact once (received by a real SMTP server),
 * and calls each subscribed unit's webhook once with a signature the receiver verifies; replaying
 * every record changes nothing.
 */
@QuarkusTest
class MunicipalUnitsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> MUNICIPAL = Set.of("MUNICIPAL_DEPARTMENT", "DIRECT_AGENCY");

    @Test
    void aTaskForEveryMunicipalUnitNotifiesEachUnitContactAndWebhookExactlyOnce() throws Exception {
        JsonNode city = new ObjectMapper().readTree(new File("../deploy/local/demo/zhuhai-2020.json"));
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> emails = new HashMap<>();
        for (JsonNode u : city.path("units")) {
            if (!MUNICIPAL.contains(u.path("type").asText())) {
                continue;
            }
            String code = u.path("code").asText();
            names.put(code, u.path("name").asText());
            // the demo data gives a few units contacts; every other unit gets one liaison here
            String contacts = u.path("contacts").isArray() && !u.path("contacts").isEmpty()
                    ? u.path("contacts").toString() : Units.withContact(code);
            List<String> addresses = new ArrayList<>();
            new ObjectMapper().readTree(contacts).forEach(c -> addresses.add(c.path("email").asText().toLowerCase()));
            emails.put(code, addresses);
            Units.publish(code, u.path("name").asText(), u.path("type").asText(), contacts);
        }
        assertEquals(34, names.size(), "市直各单位 of the demo data");
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                UnitReplica.count("code in ?1", names.keySet())) == names.size());

        List<String> subscribed = List.of("sfj", "fgj", "zsj");
        Map<String, Receiver> receivers = new HashMap<>();
        for (String code : subscribed) {
            Receiver r = new Receiver();
            String secret = given().contentType(ContentType.JSON)
                    .body(Map.of("url", r.url(), "unitCode", code, "eventTypes", List.of("task.assigned"),
                            "description", names.get(code) + "OA系统"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            receivers.put(code, r.verifyWith(secret));
        }

        UUID taskId = UUID.randomUUID();
        String title = "全面推进基层政务公开标准化规范化-" + taskId.toString().substring(0, 6);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        boolean lead = true;
        for (Map.Entry<String, String> u : names.entrySet()) {
            UUID assignmentId = UUID.randomUUID();
            ProducerRecord<String, String> r = TaskEvents.record(taskId.toString(), UUID.randomUUID().toString(),
                    "task.assigned", assignmentId.toString(), TaskEvents.assignedJson(taskId, assignmentId, u.getKey(),
                            u.getValue(), lead ? "LEAD" : "RESPONSIBLE", title, "2026-12-31"));
            lead = false;
            TaskEvents.send(r);
            records.add(r);
        }

        int contacts = emails.values().stream().mapToInt(List::size).sum();
        await().atMost(WAIT).untilAsserted(() -> {
            for (String code : names.keySet()) {
                assertEquals(1, inboxAbout(code, taskId), "inbox of " + code);
            }
            assertEquals(contacts, mailsAbout(title).size(), "e-mails");
            for (Receiver r : receivers.values()) {
                assertEquals(1, r.received().size());
            }
        });
        assertOnce(names.keySet(), emails, receivers, title, taskId);

        // replay every record (same ce_id), then a marker on the same partition (same key)
        for (ProducerRecord<String, String> r : records) {
            TaskEvents.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()));
        }
        String marker = TaskEvents.newUnit();
        TaskEvents.assign(taskId, marker, "标记");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(marker)));
        Thread.sleep(1500); // several delivery-worker passes: anything the replay had queued would be sent by now
        assertOnce(names.keySet(), emails, receivers, title, taskId);
        receivers.values().forEach(Receiver::close);
    }

    private static void assertOnce(Set<String> units, Map<String, List<String>> emails, Map<String, Receiver> receivers,
                                   String title, UUID taskId) throws Exception {
        for (String code : units) {
            assertEquals(1, inboxAbout(code, taskId), "one inbox notification for " + code);
        }
        Map<String, Integer> perAddress = new HashMap<>();
        for (MimeMessage m : mailsAbout(title)) {
            for (var a : m.getRecipients(Message.RecipientType.TO)) {
                perAddress.merge(a.toString().toLowerCase(), 1, Integer::sum);
            }
        }
        for (List<String> addresses : emails.values()) {
            for (String a : addresses) {
                assertEquals(1, perAddress.getOrDefault(a, 0), "one e-mail to " + a);
            }
        }
        for (Map.Entry<String, Receiver> e : receivers.entrySet()) {
            List<Receiver.Received> got = e.getValue().received();
            assertEquals(1, got.size(), "one webhook for " + e.getKey());
            assertTrue(got.get(0).verified(), "the receiver verified the signature");
            assertTrue(got.get(0).body().contains("\"unitCode\":\"" + e.getKey() + "\""));
        }
    }

    /** The unit's notifications about this task (the supervising office szfb also gets other tests' ones). */
    private static int inboxAbout(String unit, UUID taskId) {
        return given().queryParam("taskId", taskId.toString()).queryParam("limit", 200)
                .get("/api/v1/units/{code}/notifications", unit).then().statusCode(200).extract().path("items.size()");
    }

    private static List<MimeMessage> mailsAbout(String title) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SmtpServer.get().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(title)) {
                out.add(m);
            }
        }
        return out;
    }
}

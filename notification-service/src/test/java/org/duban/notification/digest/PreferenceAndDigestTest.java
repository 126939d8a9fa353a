package org.duban.notification.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.duban.notification.Units;
import org.duban.notification.delivery.Delivery;
import org.duban.notification.email.SmtpServer;
import org.duban.notification.inbox.TaskEvents;
import org.duban.notification.unit.UnitReplica;
import org.duban.notification.webhook.Receiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PreferenceAndDigestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DigestService digest;

    private static String unitWithContact() {
        String unit = TaskEvents.newUnit();
        Units.publish(unit, "测试局" + unit, "MUNICIPAL_DEPARTMENT", Units.withContact(unit));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> UnitReplica.findById(unit)) != null);
        return unit;
    }

    private static void prefer(String unit, List<Map<String, String>> items) {
        given().contentType(ContentType.JSON).body(Map.of("items", items))
                .put("/api/v1/units/{code}/notification-preferences", unit).then().statusCode(200)
                .body("items", hasSize(items.size()));
    }

    private static List<MimeMessage> mailsTo(String unit) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SmtpServer.get().getReceivedMessages()) {
            for (var a : m.getRecipients(Message.RecipientType.TO)) {
                if (a.toString().equals(unit + "@units.example")) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static long deliveries(String unit, String channel) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("unitCode = ?1 and channel = ?2", unit, channel));
    }

    @Test
    void byDefaultEachContactGetsAnImmediateEmailWithAStableMessageId() throws Exception {
        String unit = unitWithContact();
        TaskEvents.assign(UUID.randomUUID(), unit, "立即邮件");
        await().atMost(WAIT).until(() -> mailsTo(unit).size() == 1);
        MimeMessage m = mailsTo(unit).get(0);
        assertTrue(m.getSubject().contains("新任务：立即邮件"), m.getSubject());
        String deliveryId = QuarkusTransaction.requiringNew().call(() ->
                Delivery.<Delivery>find("unitCode = ?1 and channel = 'email'", unit).firstResult().id.toString());
        assertEquals("<" + deliveryId + "@duban.notification>", m.getMessageID());
        String body = m.getContent().toString();
        assertTrue(body.contains("办理期限：2026年12月31日"), body);
        assertTrue(body.contains("查看：http://localhost:8080/tasks/"), body);
    }

    @Test
    void aChannelSwitchedOffForAnEventTypeSendsNothingThereButTheInboxStillHasIt() throws Exception {
        String unit = unitWithContact();
        try (Receiver r = new Receiver()) {
            String secret = given().contentType(ContentType.JSON).body(Map.of("url", r.url(), "unitCode", unit))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            r.verifyWith(secret);
            prefer(unit, List.of(Map.of("eventType", "task.assigned", "channel", "email", "mode", "OFF"),
                    Map.of("eventType", "*", "channel", "webhook", "mode", "OFF")));
            TaskEvents.assign(UUID.randomUUID(), unit, "不要邮件");
            await().atMost(WAIT).untilAsserted(() -> assertEquals(1, TaskEvents.inboxSize(unit)));
            Thread.sleep(800);
            assertEquals(0, mailsTo(unit).size());
            assertEquals(0, r.received().size());
            assertEquals(0, deliveries(unit, "email") + deliveries(unit, "webhook"));
        }
    }

    @Test
    void digestUnitsGetOneEmailPerWorkingDayFromTheHourListingEverything() throws Exception {
        String unit = unitWithContact();
        prefer(unit, List.of(Map.of("eventType", "*", "channel", "email", "mode", "DIGEST")));
        TaskEvents.assign(UUID.randomUUID(), unit, "汇总任务一");
        TaskEvents.assign(UUID.randomUUID(), unit, "汇总任务二");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, TaskEvents.inboxSize(unit)));
        await().atMost(WAIT).until(() -> deliveries(unit, "digest") == 2);
        Thread.sleep(500);
        assertEquals(0, mailsTo(unit).size(), "no immediate e-mail");

        // Saturday 28 Nov 2026 10:00 and Friday 27 Nov 07:00 (Asia/Shanghai): no digest
        assertEquals(0, digest.runIfDue(Instant.parse("2026-11-28T02:00:00Z")));
        assertEquals(0, digest.runIfDue(Instant.parse("2026-11-26T23:00:00Z")));
        // Friday 27 Nov 09:00: the digest of everything queued
        assertTrue(digest.runIfDue(Instant.parse("2026-11-27T01:00:00Z")) >= 1);
        await().atMost(WAIT).until(() -> mailsTo(unit).size() == 1);
        MimeMessage m = mailsTo(unit).get(0);
        assertTrue(m.getSubject().contains("2026年11月27日通知汇总（2条）"), m.getSubject());
        String body = m.getContent().toString();
        assertTrue(body.contains("新任务：汇总任务一") && body.contains("新任务：汇总任务二"), body);

        // the same day again: nothing new; a later item waits for the next working day
        TaskEvents.assign(UUID.randomUUID(), unit, "汇总任务三");
        await().atMost(WAIT).until(() -> deliveries(unit, "digest") == 3);
        digest.runIfDue(Instant.parse("2026-11-27T05:00:00Z"));
        Thread.sleep(800);
        assertEquals(1, mailsTo(unit).size());
        digest.runIfDue(Instant.parse("2026-11-30T01:00:00Z"));   // Monday
        await().atMost(WAIT).until(() -> mailsTo(unit).size() == 2);
        assertTrue(mailsTo(unit).get(1).getContent().toString().contains("汇总任务三"));
    }

    @Test
    void preferencesAreListedAndInvalidOnesChangeNothing() {
        String unit = TaskEvents.newUnit();
        prefer(unit, List.of(Map.of("eventType", "task.urged", "channel", "email", "mode", "DIGEST")));
        given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("eventType", "*", "channel", "webhook", "mode", "DIGEST"))))
                .put("/api/v1/units/{code}/notification-preferences", unit).then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("items[0].mode"));
        given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("eventType", "*", "channel", "sms", "mode", "OFF"))))
                .put("/api/v1/units/{code}/notification-preferences", unit).then().statusCode(400)
                .body("errors[0].field", equalTo("items[0].channel"));
        given().get("/api/v1/units/{code}/notification-preferences", unit).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].eventType", equalTo("task.urged"))
                .body("items[0].mode", equalTo("DIGEST"));
    }
}

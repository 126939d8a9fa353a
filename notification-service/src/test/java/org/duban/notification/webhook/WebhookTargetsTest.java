package org.duban.notification.webhook;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.duban.notification.inbox.TaskEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where webhook calls may go, with a scripted DNS ({@link ScriptedResolver}) standing in for a
 * name server an attacker controls. %test allows 127.0.0.0/8, ::1/128 and the name oa-lan.duban.test.
 */
@QuarkusTest
class WebhookTargetsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    ScriptedResolver dns;

    @BeforeEach
    void scriptedDns() {
        dns = new ScriptedResolver();
        QuarkusMock.installMockForType(dns, WebhookResolver.class);
    }

    private static io.restassured.response.Response register(String url, String unit) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "unitCode", unit)).post("/api/v1/webhooks");
    }

    private static JsonPath deliveries(String unit) {
        String notification = given().get("/api/v1/units/{code}/notifications", unit).then().extract().path("items[0].id");
        return given().get("/api/v1/notifications/{id}/deliveries", notification).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void eachCallResolvesTheNameOnceAndConnectsToTheAddressThatWasChecked() throws Exception {
        try (Receiver r = new Receiver()) {
            String host = "oa-rebind.duban.test";
            // registration and the check before the call see 127.0.0.1; any later lookup would get 10.255.255.1
            dns.script(host, "127.0.0.1", "127.0.0.1", "10.255.255.1");
            String unit = TaskEvents.newUnit();
            r.verifyWith(register(r.url(host), unit).then().statusCode(201).extract().<String>path("secret"));
            TaskEvents.assign(UUID.randomUUID(), unit, "防止DNS重绑定");

            await().atMost(WAIT).until(() -> r.received().size() == 1);
            assertTrue(r.received().get(0).verified());
            assertEquals(host + ":" + r.port(), r.received().get(0).host(), "the Host header names the URL's host");
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertEquals("SUCCEEDED", deliveries(unit).getString("items[0].status")));
            assertEquals(2, dns.lookups(host), "one lookup to register, one for the call; none by the HTTP client");
        }
    }

    @Test
    void aRefusedOrUnresolvableHostIsA400ThatNamesNoResolvedAddress() {
        dns.script("metadata.duban.test", "169.254.169.254");
        dns.script("gone.duban.test");
        String unit = TaskEvents.newUnit();
        String refused = register("http://metadata.duban.test/latest/meta-data", unit).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", equalTo(TargetValidator.NOT_ALLOWED))
                .extract().asString();
        assertFalse(refused.contains("169.254"), refused);
        register("http://gone.duban.test/hook", unit).then().statusCode(400)
                .body("errors[0].message", equalTo(TargetValidator.DOES_NOT_RESOLVE));

        // a change of URL is checked the same way
        dns.script("oa.duban.test", "127.0.0.1");
        String id = register("http://oa.duban.test:9/hook", unit).then().statusCode(201).extract().path("endpoint.id");
        given().contentType(ContentType.JSON)
                .body("{\"url\":\"http://metadata.duban.test/\",\"eventTypes\":[],\"enabled\":true,\"version\":0}")
                .put("/api/v1/webhooks/{id}", id).then().statusCode(400)
                .body(not(containsString("169.254")))
                .body("errors[0].message", equalTo(TargetValidator.NOT_ALLOWED));
    }

    @Test
    void aNameThatMovesToARefusedAddressIsNotCalledAndTheHistoryNamesNoAddress() throws Exception {
        try (Receiver r = new Receiver()) {
            String host = "oa-moved.duban.test";
            dns.script(host, "127.0.0.1", "169.254.169.254");
            String unit = TaskEvents.newUnit();
            register(r.url(host), unit).then().statusCode(201);
            TaskEvents.assign(UUID.randomUUID(), unit, "地址已变");
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertEquals("DEAD", deliveries(unit).getString("items[0].status")));
            JsonPath d = deliveries(unit);
            assertEquals("refused: " + TargetValidator.NOT_ALLOWED, d.getString("items[0].history[0].error"));
            assertFalse(d.prettify().contains("169.254"), d.prettify());
            assertEquals(0, r.received().size());
        }
    }

    @Test
    void aFailedConnectionIsRecordedWithoutTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String host = "oa-down.duban.test";
        dns.script(host, "127.0.0.1");
        String unit = TaskEvents.newUnit();
        register("http://" + host + ":" + closedPort + "/hook", unit).then().statusCode(201);
        TaskEvents.assign(UUID.randomUUID(), unit, "接收方未启动");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertTrue(deliveries(unit).getInt("items[0].history.size()") >= 1));
        String error = deliveries(unit).getString("items[0].history[0].error");
        assertEquals("could not connect", error);
    }

    @Test
    void whenACheckedAddressRefusesTheConnectionTheNextOneIsTried() throws Exception {
        try (Receiver r = new Receiver()) {
            String host = "oa-two.duban.test";
            // nothing listens on 127.0.0.2 at the receiver's port
            dns.script(host, "127.0.0.2,127.0.0.1");
            String unit = TaskEvents.newUnit();
            r.verifyWith(register(r.url(host), unit).then().statusCode(201).extract().<String>path("secret"));
            TaskEvents.assign(UUID.randomUUID(), unit, "第二个地址");
            await().atMost(WAIT).until(() -> r.received().size() == 1);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertEquals("SUCCEEDED", deliveries(unit).getString("items[0].status")));
            assertEquals(1, deliveries(unit).getInt("items[0].attempts"));
        }
    }

    @Test
    void anAllowedNameMayResolveToAPrivateAddressAnyOtherMayNot() {
        dns.script("oa-lan.duban.test", "192.168.50.10");
        dns.script("oa-other.duban.test", "192.168.50.10");
        String unit = TaskEvents.newUnit();
        register("https://oa-lan.duban.test/duban/webhook", unit).then().statusCode(201);
        register("https://oa-other.duban.test/duban/webhook", unit).then().statusCode(400)
                .body("errors[0].message", equalTo(TargetValidator.NOT_ALLOWED));
    }
}

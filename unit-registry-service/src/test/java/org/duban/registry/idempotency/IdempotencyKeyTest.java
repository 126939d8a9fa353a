package org.duban.registry.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.common.idempotency.IdempotencyFilters;
import org.duban.common.idempotency.IdempotencyPurge;
import org.duban.common.security.Caller;
import org.duban.infra.security.DubanTokens;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idempotency-Key on a POST that creates (POST /units), against the real database. */
@QuarkusTest
class IdempotencyKeyTest {

    @Inject
    EntityManager em;

    @Inject
    IdempotencyPurge purge;

    /** Keys are scoped by the token's subject; the tests send the default supervisor token. */
    private static final String SUPERVISOR_SCOPE = new Caller(DubanTokens.defaultSubject(Caller.SUPERVISOR, List.of()),
            Set.of(Caller.SUPERVISOR), Set.of()).idempotencyScope();

    private static String newCode() {
        return "i-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String unitJson(String code, String name) {
        return """
                {"code":"%s","name":"%s","type":"MUNICIPAL_DEPARTMENT"}""".formatted(code, name);
    }

    private static Response post(String key, String body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            spec.header(IdempotencyFilters.HEADER, key);
        }
        return spec.when().post("/api/v1/units");
    }

    private long unitsNamed(String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM unit WHERE name = ?1").setParameter(1, name).getSingleResult()).longValue());
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseWithoutCreatingAgain() {
        String code = newCode();
        String key = UUID.randomUUID().toString();
        String body = unitJson(code, "珠海市幂等局" + code);
        Response first = post(key, body);
        first.then().statusCode(201);
        assertNull(first.getHeader(IdempotencyFilters.REPLAYED_HEADER));

        Response again = post(key, body);
        // without the key, the same POST is a 409 (code taken): the replay did not run the create
        again.then().statusCode(201).header(IdempotencyFilters.REPLAYED_HEADER, "true")
                .contentType(ContentType.JSON);
        assertEquals(first.getHeader("Location"), again.getHeader("Location"));
        assertEquals(first.getHeader("ETag"), again.getHeader("ETag"));
        assertEquals(first.jsonPath().getMap(""), again.jsonPath().getMap(""));
        assertEquals(1, unitsNamed("珠海市幂等局" + code));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422Problem() {
        String key = UUID.randomUUID().toString();
        String code = newCode();
        post(key, unitJson(code, "珠海市甲局" + code)).then().statusCode(201);
        String other = newCode();
        post(key, unitJson(other, "珠海市乙局" + other)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, unitsNamed("珠海市乙局" + other));
    }

    @Test
    void withoutTheHeaderARepeatRunsAgain() {
        String code = newCode();
        String body = unitJson(code, "珠海市无键局" + code);
        post(null, body).then().statusCode(201).header(IdempotencyFilters.REPLAYED_HEADER, (String) null);
        post(null, body).then().statusCode(409).body("type", equalTo("urn:duban:problem:conflict"));
    }

    @Test
    void anErrorIsNotStoredSoTheClientMayFixItsInputAndRetryWithTheSameKey() {
        String key = UUID.randomUUID().toString();
        String code = newCode();
        post(key, "{\"code\":\"" + code + "\",\"type\":\"MUNICIPAL_DEPARTMENT\"}").then().statusCode(400);
        post(key, unitJson(code, "珠海市重试局" + code)).then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, (String) null);
        assertEquals(1, unitsNamed("珠海市重试局" + code));
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightIsA409Problem() {
        String key = UUID.randomUUID().toString();
        String code = newCode();
        String body = unitJson(code, "珠海市并发局" + code);
        // the first request holds the key (claimed, not completed), as while its create runs
        String hash = IdempotencyFilters.hash("POST", "/api/v1/units", body.getBytes(StandardCharsets.UTF_8));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        INSERT INTO idempotency_key (scope, idem_key, request_hash, method, path, expires_at)
                        VALUES (?3, ?1, ?2, 'POST', '/api/v1/units', now() + interval '1 hour')""")
                .setParameter(1, key).setParameter(2, hash).setParameter(3, SUPERVISOR_SCOPE).executeUpdate());
        post(key, body).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:idempotency-key-in-flight"));
        assertEquals(0, unitsNamed("珠海市并发局" + code));
    }

    @Test
    void theSameKeyFromAnotherCallerIsThatCallersOwnKey() {
        String key = UUID.randomUUID().toString();
        String first = newCode();
        String second = newCode();
        post(key, unitJson(first, "珠海市甲方局" + first)).then().statusCode(201);
        // another supervisor (another subject) reusing the key with another body: not a 422 mismatch, a new unit
        String otherSupervisor = DubanTokens.mint(TestKeys.get().loadPrivateKey(), TestKeys.get().keyId(), DubanTokens.ISSUER,
                "supervisor:deputy", Caller.SUPERVISOR, List.of(), Instant.now().plusSeconds(600));
        given().auth().oauth2(otherSupervisor).contentType(ContentType.JSON).header(IdempotencyFilters.HEADER, key)
                .body(unitJson(second, "珠海市乙方局" + second)).when().post("/api/v1/units")
                .then().statusCode(201).header(IdempotencyFilters.REPLAYED_HEADER, (String) null);
        assertEquals(1, unitsNamed("珠海市甲方局" + first));
        assertEquals(1, unitsNamed("珠海市乙方局" + second));
    }

    @Test
    void anOverlongKeyIsAValidationProblem() {
        post("k".repeat(256), unitJson(newCode(), "珠海市长键局")).then().statusCode(400)
                .body("type", equalTo("urn:duban:problem:validation"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void expiredKeysArePurged() {
        String key = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        INSERT INTO idempotency_key (scope, idem_key, request_hash, method, path, expires_at, created_at)
                        VALUES ('anonymous', ?1, 'x', 'POST', '/api/v1/units', now() - interval '1 minute', now() - interval '1 day')""")
                .setParameter(1, key).executeUpdate());
        assertTrue(purge.purgeExpired() >= 1);
        long left = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM idempotency_key WHERE idem_key = ?1").setParameter(1, key).getSingleResult()).longValue());
        assertEquals(0, left);
    }
}

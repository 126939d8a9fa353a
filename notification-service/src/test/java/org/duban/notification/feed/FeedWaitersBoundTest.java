package org.duban.notification.feed;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.notification.inbox.TaskEvents;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long-poll waiters of one replica are bounded ({@code duban.notification.feed.max-waiters}, here 3: a system
 * property, the configuration source above application.properties, which {@link FeedWaiters} reads at each request;
 * set around each test in the default profile, so no profile restart of Quarkus is needed): at the bound every
 * waiting request is held, one more with a wait is a 503 problem+json with Retry-After, a request
 * without a wait is still answered, and a place freed by an answered request is taken again.
 */
@QuarkusTest
class FeedWaitersBoundTest {

    private static final String FEED = "/api/v1/notifications/feed";
    private static final Duration PROMPT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    @Inject
    FeedWaiters waiters;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void threePlaces() {
        // a wait lasts at most 60 s: the long polls an earlier test class left open (a client that went away) end by then
        // (150 s: at load ~40 two runs saw 90 s run out after FeedTest; why the waits outlived 60 s there is not known)
        await().atMost(Duration.ofSeconds(150)).until(() -> waiters.waiting() == 0);
        System.setProperty(FeedWaiters.MAX_WAITERS, "3");
        assertEquals(3, waiters.maxWaiters(), "the bound is read from the configuration at each request");
    }

    @AfterEach
    void configuredPlaces() {
        System.clearProperty(FeedWaiters.MAX_WAITERS);
        assertEquals(1000, waiters.maxWaiters(), "application.properties' bound again");
    }

    private CompletableFuture<HttpResponse<String>> longPoll(String token) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/notifications/feed?wait=30s"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void atTheBoundOneMoreWaitingRequestIs503WithRetryAfterAndAFreedPlaceIsTakenAgain() throws Exception {
        String unit = TaskEvents.unknownUnit();
        String token = TestKeys.token("unit-operator", unit);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(longPoll(token));
        }
        // exactly the bound: all three wait (registered for the unit's commits, none answered)
        await().atMost(PROMPT).until(() -> waiters.registered(unit) == 3);
        assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "the three within the bound are held");

        // one beyond: refused at once, as a problem the client can act on
        given().auth().oauth2(token).queryParam("wait", "30s").get(FEED).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo(String.valueOf(FeedBusy.RETRY_AFTER_SECONDS)))
                .body("type", equalTo("urn:duban:problem:busy"))
                .body("errors[0].field", equalTo("wait"));
        // another unit's caller shares the replica's bound
        given().auth().oauth2(TestKeys.token("unit-operator", TaskEvents.unknownUnit())).queryParam("wait", "1s")
                .get(FEED).then().statusCode(503);
        // a request without a wait takes no place: answered
        given().auth().oauth2(token).get(FEED).then().statusCode(200);
        assertEquals(3, waiters.registered(unit), "the refused requests registered nothing");

        // one commit answers the three; their places are free again
        FeedTest.commit(unit, "等待上限");
        for (CompletableFuture<HttpResponse<String>> f : held) {
            HttpResponse<String> r = f.get(PROMPT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("等待上限"), r.body());
        }
        await().atMost(PROMPT).until(() -> waiters.registered(unit) == 0);
        List<CompletableFuture<HttpResponse<String>>> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/v1/notifications/feed?wait=2s"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : again) {
            assertEquals(200, f.get(PROMPT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
    }
}

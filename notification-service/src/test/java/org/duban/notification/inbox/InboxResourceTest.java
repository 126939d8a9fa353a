package org.duban.notification.inbox;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InboxResourceTest {

    private static final String INBOX = "/api/v1/units/{code}/notifications";

    @Test
    void pagesNewestFirstCountsUnreadAndMarksRead() {
        String unit = TaskEvents.newUnit();
        UUID taskId = UUID.randomUUID(); // one key: consumed, hence created, in this order
        TaskEvents.assign(taskId, unit, "任务一");
        TaskEvents.assign(taskId, unit, "任务二");
        TaskEvents.assign(taskId, unit, "任务三");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TaskEvents.inboxSize(unit)));

        String cursor = given().queryParam("limit", 2).get(INBOX, unit)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].title", equalTo("新任务：任务三"))
                .body("items[1].title", equalTo("新任务：任务二"))
                .body("nextCursor", notNullValue())
                .body("unreadCount", equalTo(3))
                .extract().path("nextCursor");
        List<String> rest = given().queryParam("limit", 2).queryParam("cursor", cursor).get(INBOX, unit)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].title", equalTo("新任务：任务一"))
                .body("nextCursor", equalTo(null))
                .extract().path("items.id");

        given().post(INBOX + "/{id}/read", unit, rest.get(0)).then().statusCode(204);
        given().post(INBOX + "/{id}/read", unit, rest.get(0)).then().statusCode(204); // again: still fine
        given().get(INBOX, unit)
                .then().statusCode(200)
                .body("unreadCount", equalTo(2))
                .body("items[2].read", equalTo(true))
                .body("items[0].read", equalTo(false));

        // another unit cannot touch it; an unknown id is not found
        given().post(INBOX + "/{id}/read", TaskEvents.newUnit(), rest.get(0))
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:duban:problem:not-found"));
        given().post(INBOX + "/{id}/read", unit, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(unit));
    }

    @Test
    void aUnitNeverNotifiedHasAnEmptyInbox() {
        given().get(INBOX, TaskEvents.newUnit())
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("nextCursor", equalTo(null))
                .body("unreadCount", equalTo(0));
    }

    @Test
    void aLimitOutside1To200IsAValidationProblem() {
        for (int bad : new int[] {0, 201}) {
            given().queryParam("limit", bad).get(INBOX, "sfj")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:duban:problem:validation"))
                    .body("errors[0].field", equalTo("limit"));
        }
        given().queryParam("limit", 200).get(INBOX, "sfj").then().statusCode(200);
    }

    @Test
    void aForgedCursorIsAValidationProblem() {
        given().queryParam("cursor", "not-a-cursor").get(INBOX, "sfj")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theOpenApiDocumentDescribesTheInbox() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Duban notifications"))
                .body("paths.'/api/v1/units/{code}/notifications'.get.tags[0]", equalTo("Notifications"))
                .body("paths.'/api/v1/units/{code}/notifications/{id}/read'.post.responses.'204'", notNullValue());
    }
}

package org.duban.notification.feed;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.duban.testsupport.security.TestKeys;
import org.duban.notification.inbox.TaskEvents;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: the pull feed. A client long-polls (as an OA system would) while tasks are created (real
 * broker, real consumer, real PostgreSQL) and while transactions commit out of order; it must get each
 * notification of its units once, never another unit's, and never skip one that committed late.
 * Arrivals are asserted as sets and orders; latencies are measured and printed (FEED-LATENCY lines),
 * not asserted. The waits are 30 s: an answer with items before that came by the commit signal.
 */
@QuarkusTest
class FeedTest {

    private static final String FEED = "/api/v1/notifications/feed";
    /** Far below the clients' 30 s wait, with room for a loaded machine (Kafka → consumer → commit). */
    private static final Duration PROMPT = Duration.ofSeconds(20);
    /** A task event through the broker and the consumer into the inbox, on a machine shared by many builds. */
    private static final Duration CONSUMED = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;

    @Inject
    FeedMetrics metrics;

    @Inject
    FeedWaiters waiters;

    @Test
    void aLongPollingClientGetsEveryNotificationOfItsUnitsOnceAsTasksAreCreated() throws Exception {
        String a = TaskEvents.newUnit();
        String b = TaskEvents.newUnit();
        String other = TaskEvents.newUnit();
        List<String> expected = new ArrayList<>();
        try (FeedClient client = new FeedClient(base, TestKeys.token("integration", a, b), null, "30s")) {
            // a burst (the consumer may write several in one transaction), then one at a time while the client waits
            for (int i = 0; i < 6; i++) {
                expected.add(assign(i % 2 == 0 ? a : b, "拉取任务" + i));
                assign(other, "别的单位任务" + i);
            }
            // the consumer first (Kafka → inbox, slow on a loaded machine), then the feed
            await().atMost(CONSUMED).until(() -> TaskEvents.inboxSize(a) == 3 && TaskEvents.inboxSize(b) == 3);
            await().atMost(PROMPT).until(() -> client.arrivals.size() >= 6 || client.failure != null);
            for (int i = 6; i < 12; i++) {
                String title = assign(i % 2 == 0 ? a : b, "拉取任务" + i);
                expected.add(title);
                assign(other, "别的单位任务" + i);
                String unit = i % 2 == 0 ? a : b;
                int inbox = (i / 2) + 1;
                await().atMost(CONSUMED).until(() -> TaskEvents.inboxSize(unit) == inbox);
                try {
                    await().atMost(PROMPT).until(() -> client.got(title) || client.failure != null);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(title + " is in the inbox, not in the feed: " + explain(client, a, b), e);
                }
            }
            assertNull(client.failure);
            // nothing more comes: the feed after the client's position is empty for its token
            given().auth().oauth2(TestKeys.token("integration", a, b)).queryParam("after", client.cursor())
                    .get(FEED).then().statusCode(200).body("items", empty()).body("nextCursor", equalTo(client.cursor()));

            // the title is the template's sentence around the task's title ("新任务：拉取任务0")
            for (String title : expected) {
                assertEquals(1, client.titles().stream().filter(t -> t.endsWith("：" + title)).count(), title + " once");
            }
            assertEquals(expected.size(), client.arrivals.size(), "every notification of a and b, no other: " + client.titles());
            assertEquals(expected.size(), client.arrivals.stream().map(FeedClient.Arrival::id).distinct().count());
            assertTrue(client.arrivals.stream().allMatch(x -> x.unitCode().equals(a) || x.unitCode().equals(b)));
            // woken by the commit, not by the end of the wait
            assertTrue(client.answers.stream().filter(x -> x.items() > 0).allMatch(x -> x.millis() < 30_000), client.answers.toString());
            report("created-by-event (createdAt → client has it)", client.arrivals.stream()
                    .map(x -> Duration.between(x.createdAt(), x.at()).toMillis()).toList());
        }
    }

    /**
     * The case that makes an id or time cursor skip rows: transaction A writes first (lower xid) and
     * commits after transaction B. The client must get A's row and then B's, once each; while A is
     * open, B's committed row is held back — had it been served, the cursor would have passed A's place
     * and A's row would never come.
     */
    @Test
    void aRowCommittedOutOfOrderIsNotSkipped() throws Exception {
        String unit = TaskEvents.unknownUnit();
        try (FeedClient client = new FeedClient(base, TestKeys.token("unit-operator", unit), null, "30s");
             Connection first = connection(); Connection second = connection()) {
            insert(first, unit, "先写后提交");
            insert(second, unit, "后写先提交");
            notify(second, unit);
            second.commit();
            // committed, yet not served: an older transaction (first) is still open
            given().auth().oauth2(TestKeys.token("unit-operator", unit)).get(FEED).then().statusCode(200).body("items", empty());
            assertTrue(client.arrivals.isEmpty());
            notify(first, unit);
            first.commit();
            Instant committed = Instant.now();
            await().atMost(PROMPT).until(() -> client.arrivals.size() >= 2 || client.failure != null);
            assertNull(client.failure);
            assertEquals(List.of("先写后提交", "后写先提交"), client.titles());
            report("out-of-order pair (last commit → client has both)", List.of(
                    Duration.between(committed, client.arrival("后写先提交").at()).toMillis()));
        }
    }

    /**
     * A transaction that writes no notification (here: one that only took a transaction id) holds a
     * committed row back, and sends no signal when it ends: the feed looks again on its own while a
     * row is held back (50 ms doubling to 1 s) and serves it once the transaction has ended.
     */
    @Test
    void aRowHeldBackByAnUnrelatedTransactionComesWhenThatTransactionEnds() throws Exception {
        String unit = TaskEvents.unknownUnit();
        try (FeedClient client = new FeedClient(base, TestKeys.token("unit-operator", unit), null, "30s");
             Connection unrelated = connection(); Connection writer = connection()) {
            try (PreparedStatement s = unrelated.prepareStatement("SELECT pg_current_xact_id()")) {
                s.execute();
            }
            insert(writer, unit, "被无关事务挡住");
            notify(writer, unit);
            writer.commit();
            given().auth().oauth2(TestKeys.token("unit-operator", unit)).get(FEED).then().statusCode(200).body("items", empty());
            // the gauge says how long that committed row has been held back
            assertTrue(metrics.heldBackSeconds() > 0);
            unrelated.rollback();
            Instant ended = Instant.now();
            await().atMost(PROMPT).until(() -> client.got("被无关事务挡住") || client.failure != null);
            assertNull(client.failure);
            assertEquals(List.of("被无关事务挡住"), client.titles());
            report("held back by an unrelated transaction (its end → client has it)",
                    List.of(Duration.between(ended, client.arrival("被无关事务挡住").at()).toMillis()));
        }
    }

    @Test
    void anotherUnitsNotificationsNeverAppearWhateverTheCursor() throws Exception {
        String mine = TaskEvents.unknownUnit();
        String theirs = TaskEvents.unknownUnit();
        commit(mine, "我的通知一");
        commit(theirs, "别人的通知一");
        commit(mine, "我的通知二");
        commit(theirs, "别人的通知二");
        String operator = TestKeys.token("unit-operator", mine);
        given().auth().oauth2(operator).get(FEED).then().statusCode(200)
                .body("items.title", equalTo(List.of("我的通知一", "我的通知二")))
                .body("items.unitCode", everyItem(equalTo(mine)));
        // the other unit's cursor (of the position after its first notification): still only mine after it
        String theirCursor = given().auth().oauth2(TestKeys.token("unit-operator", theirs)).queryParam("limit", 1)
                .get(FEED).then().statusCode(200).body("items.title", equalTo(List.of("别人的通知一")))
                .extract().path("nextCursor");
        given().auth().oauth2(operator).queryParam("after", theirCursor).get(FEED).then().statusCode(200)
                .body("items.title", equalTo(List.of("我的通知二")));
        // an integration token reads the units of its claim, and only those
        given().auth().oauth2(TestKeys.token("integration", mine, theirs)).get(FEED).then().statusCode(200)
                .body("items.title", equalTo(List.of("我的通知一", "别人的通知一", "我的通知二", "别人的通知二")));
        given().auth().oauth2(TestKeys.token("integration", theirs, "t-nobody")).get(FEED).then().statusCode(200)
                .body("items.title", equalTo(List.of("别人的通知一", "别人的通知二")));
        // a waiting request of another unit is not answered with these units' rows
        try (FeedClient client = new FeedClient(base, TestKeys.token("unit-operator", TaskEvents.unknownUnit()), null, "1s")) {
            commit(mine, "我的通知三");
            await().atMost(PROMPT).until(() -> client.answers.size() >= 2 || client.failure != null);
            assertTrue(client.arrivals.isEmpty());
        }
    }

    @Test
    void aPageStopsAtTheLimitAndTheNextCursorContinuesWithoutRepeats() throws Exception {
        String unit = TaskEvents.unknownUnit();
        for (int i = 0; i < 5; i++) {
            commit(unit, "分页" + i);
        }
        String token = TestKeys.token("unit-operator", unit);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            var r = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                r.queryParam("after", cursor);
            }
            var body = r.get(FEED).then().statusCode(200).body("nextCursor", notNullValue()).extract();
            seen.addAll(body.path("items.title"));
            cursor = body.path("nextCursor");
        }
        assertEquals(IntStream.range(0, 5).mapToObj(i -> "分页" + i).toList(), seen);
        // an empty answer repeats the cursor it was given
        given().auth().oauth2(token).queryParam("after", cursor).get(FEED).then().statusCode(200)
                .body("items", empty()).body("nextCursor", equalTo(cursor));
    }

    /** Waiting requests hold no thread and no connection: more of them than the pool has connections, all answered by one commit. */
    @Test
    void waitingRequestsHoldNoThreadAndAreAllAnsweredByOneCommit() throws Exception {
        String unit = TaskEvents.unknownUnit();
        int n = 24; // the pool has 16 connections (quarkus.datasource.jdbc.max-size)
        List<FeedClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(new FeedClient(base, TestKeys.token("unit-operator", unit), null, "30s"));
            }
            // all 24 registered for the unit's commits (inside their long poll), and no thread in the feed's code:
            // were a thread held per waiting request, 24 would be, for as long as they wait
            await().atMost(PROMPT).until(() -> waiters.registered(unit) == n && threadsInFeedCode().isEmpty());
            assertTrue(metrics.waiting() >= n);
            // the service still answers while they wait
            given().get("/q/health/live").then().statusCode(200);
            commit(unit, "一次提交唤醒全部");
            await().atMost(PROMPT).until(() -> clients.stream().allMatch(c -> c.got("一次提交唤醒全部") || c.failure != null));
            clients.forEach(c -> assertNull(c.failure));
            assertTrue(clients.stream().allMatch(c -> c.arrivals.size() == 1));
        } finally {
            for (FeedClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void theWaitAndTheLimitAreBoundedAtTheirEdges() throws Exception {
        String unit = TaskEvents.unknownUnit();
        commit(unit, "边界");
        String token = TestKeys.token("unit-operator", unit);
        // at the edge: accepted (a row is there, so it answers at once)
        given().auth().oauth2(token).queryParam("wait", "60s").queryParam("limit", 500).get(FEED)
                .then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(token).queryParam("wait", "60000ms").queryParam("limit", 1).get(FEED)
                .then().statusCode(200).body("items", hasSize(1));
        // one beyond: refused, naming the field
        for (String wait : List.of("61s", "60001ms", "-1s", "30m", "abc")) {
            given().auth().oauth2(token).queryParam("wait", wait).get(FEED).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("wait"));
        }
        for (int limit : new int[]{0, 501}) {
            given().auth().oauth2(token).queryParam("limit", limit).get(FEED).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // a short wait with nothing there ends empty, with the same cursor
        String cursor = given().auth().oauth2(token).get(FEED).then().extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("after", cursor).queryParam("wait", "200ms").get(FEED)
                .then().statusCode(200).body("items", empty()).body("nextCursor", equalTo(cursor));
    }

    @Test
    void aCursorThisServiceDidNotHandOutIsA400() {
        String token = TestKeys.token("unit-operator", TaskEvents.unknownUnit());
        for (String bad : List.of("not-a-cursor", "%%%", "MjAyNi0xMS0yNlQxODoxNzo1OS43MzFafDYxMDI",
                // well-formed, but of a transaction this database has not reached (a restore into a new cluster)
                new FeedCursor(Long.MAX_VALUE / 2, UUID.randomUUID()).encode())) {
            given().auth().oauth2(token).queryParam("after", bad).get(FEED).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:duban:problem:validation"))
                    .body("errors[0].field", equalTo("after"));
        }
        given().auth().oauth2(token).queryParam("after", FeedCursor.START.encode()).get(FEED).then().statusCode(200);
    }

    @Test
    void withoutATokenTheFeedIsA401() {
        given().auth().none().get(FEED).then().statusCode(401).contentType("application/problem+json");
    }

    /** What the client saw and what the feed holds after its position (for a failure message). */
    private static String explain(FeedClient client, String a, String b) {
        return "arrivals=" + client.titles() + " answers=" + client.answers + " failure=" + client.failure
                + " feed after the client's cursor=" + given().auth().oauth2(TestKeys.token("integration", a, b))
                .queryParam("after", client.cursor()).get(FEED).asString();
    }

    private static Set<String> threadsInFeedCode() {
        Set<String> in = new HashSet<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith("org.duban.notification.feed.") && !e.getClassName().contains("Test")
                        && !e.getClassName().contains("FeedClient")) {
                    in.add(t.getName() + " in " + e);
                }
            }
        });
        return in;
    }

    private static String assign(String unit, String title) {
        TaskEvents.assign(UUID.randomUUID(), unit, title);
        return title;
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("FEED-LATENCY %s: n=%d min=%d ms median=%d ms max=%d ms all=%s%n", what, sorted.size(),
                sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
    }

    /** A connection of its own in a transaction, as another replica's consumer would hold. */
    private static Connection connection() throws SQLException {
        var config = ConfigProvider.getConfig();
        Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
        c.setAutoCommit(false);
        return c;
    }

    /** An inbox row as the consumer writes it: no xid given, the column default takes the transaction's. */
    private static void insert(Connection c, String unit, String title) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO notification (id, unit_code, channel, event_id, event_type, title, body, created_at, reason)
                VALUES (?, ?, 'inbox', ?, 'task.urged', ?, '拉取测试', now(), 'ASSIGNEE')""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, unit);
            s.setString(3, UUID.randomUUID().toString());
            s.setString(4, title);
            s.executeUpdate();
        }
    }

    /** The commit signal another replica sends (delivered when the transaction commits). */
    private static void notify(Connection c, String unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('duban_inbox', ?)")) {
            s.setString(1, unit);
            s.execute();
        }
    }

    static void commit(String unit, String title) throws SQLException {
        try (Connection c = connection()) {
            insert(c, unit, title);
            notify(c, unit);
            c.commit();
        }
    }
}

package org.duban.task.evidence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.duban.task.ProductionSchedules;
import org.duban.testsupport.security.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.duban.task.evidence.EvidenceFixture.file;
import static org.duban.task.evidence.EvidenceFixture.operator;
import static org.duban.task.evidence.EvidenceFixture.report;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same evidence API on the S3 store, against a real S3-compatible server started by the test (S3Proxy):
 * files land as objects (not in evidence_chunk), download from there under the report's rules, and a report
 * whose transaction fails after its objects were written deletes them — both for a refused transition and for a
 * database error on the file row.
 * <p>
 * It shares {@link ProductionSchedules}' start of the service (that profile has the S3 store too), whose
 * scheduled sweep runs every second; it is paused while each test runs, so the sweeps counted here are the
 * test's own calls and the objects compared before and after are not swept in between.
 */
@QuarkusTest
@TestProfile(ProductionSchedules.class)
class EvidenceS3Test {

    @Inject
    EntityManager em;

    @Inject
    Scheduler scheduler;

    @Inject
    S3EvidenceStore store;

    @Inject
    EvidenceSweeper sweeper;

    EvidenceFixture f;

    /** The identity of {@link EvidenceSweeper#scheduled()}'s job. */
    private String scheduledSweep() {
        return scheduler.getScheduledJobs().stream()
                .filter(t -> t.getMethodDescription() != null
                        && t.getMethodDescription().startsWith(EvidenceSweeper.class.getName() + "#"))
                .map(Trigger::getId).findFirst()
                .orElseThrow(() -> new AssertionError("no scheduled evidence sweep: " + scheduler.getScheduledJobs()));
    }

    @BeforeEach
    void fixture() {
        scheduler.pause(scheduledSweep());
        f = new EvidenceFixture();
        f.accept(f.ownAssignment, f.own);
        // a database that refuses one file row, after the objects are written (the S3 store writes them first)
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    CREATE OR REPLACE FUNCTION evidence_test_refuse() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.file_name LIKE 'db-refuses%' THEN
                            RAISE EXCEPTION 'test: the database refuses this evidence row';
                        END IF;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""").executeUpdate();
            em.createNativeQuery("DROP TRIGGER IF EXISTS evidence_test_refuse ON evidence_file").executeUpdate();
            em.createNativeQuery("""
                    CREATE TRIGGER evidence_test_refuse BEFORE INSERT ON evidence_file
                    FOR EACH ROW EXECUTE FUNCTION evidence_test_refuse()""").executeUpdate();
        });
    }

    @AfterEach
    void dropTrigger() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DROP TRIGGER IF EXISTS evidence_test_refuse ON evidence_file").executeUpdate();
            em.createNativeQuery("DROP FUNCTION IF EXISTS evidence_test_refuse()").executeUpdate();
        });
        scheduler.resume(scheduledSweep());
    }

    List<String> objects() {
        return store.client().listObjectsV2Paginator(r -> r.bucket(S3ProxyResource.BUCKET)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    long rows(String sql, String assignment) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, UUID.fromString(assignment)).getSingleResult()).longValue());
    }

    @Test
    void filesAreObjectsAndDownloadUnderTheReportsRules() {
        byte[] pdf = Samples.pdf();
        byte[] jpeg = Samples.jpeg();
        var r = report(operator(f.own), f.ownAssignment, file("会议纪要.pdf", pdf, "application/pdf"),
                file("现场照片.jpg", jpeg, "image/jpeg"))
                .statusCode(201).body("latestProgress.evidence", hasSize(2)).extract();
        String pdfId = r.path("latestProgress.evidence[0].id");
        String jpegId = r.path("latestProgress.evidence[1].id");
        List<String> keys = objects();
        assertEquals(true, keys.contains("evidence/" + pdfId), keys.toString());
        assertEquals(true, keys.contains("evidence/" + jpegId), keys.toString());
        assertEquals(0, rows("SELECT count(*) FROM evidence_chunk c JOIN evidence_file e ON e.id = c.evidence_id "
                + "WHERE e.assignment_id = ?1", f.ownAssignment), "no bytes in the database on the S3 store");
        assertEquals(2, rows("SELECT count(*) FROM evidence_file WHERE assignment_id = ?1 AND storage = 's3'", f.ownAssignment));

        String pdfPath = r.path("latestProgress.evidence[0].downloadPath");
        assertArrayEquals(pdf, given().auth().oauth2(operator(f.own)).get(pdfPath).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray());
        assertArrayEquals(jpeg, given().auth().oauth2(TestKeys.token("supervisor"))
                .get((String) r.path("latestProgress.evidence[1].downloadPath")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray());
        given().auth().oauth2(operator(f.other)).get(pdfPath).then().statusCode(403)
                .body("type", equalTo("urn:duban:problem:forbidden"));
    }

    @Test
    void aReportThatFailsAfterItsObjectsWereWrittenLeavesNoObjectAndNoRow() {
        List<String> before = objects();
        // 1. the other unit has not accepted: the transition is refused inside the transaction, after the upload
        report(operator(f.other), f.otherAssignment, file("纪要.pdf", Samples.pdf(), "application/pdf"))
                .statusCode(409).body("type", equalTo("urn:duban:problem:illegal-transition"));
        assertEquals(before, objects());
        assertEquals(0, rows("SELECT count(*) FROM progress_report WHERE assignment_id = ?1", f.otherAssignment));

        // 2. the database refuses the second file's row: both objects written first are deleted again
        long reports = rows("SELECT count(*) FROM progress_report WHERE assignment_id = ?1", f.ownAssignment);
        report(operator(f.own), f.ownAssignment, file("纪要.pdf", Samples.pdf(), "application/pdf"),
                file("db-refuses.png", Samples.png(), "image/png"))
                .statusCode(500).contentType("application/problem+json");
        assertEquals(before, objects());
        assertEquals(reports, rows("SELECT count(*) FROM progress_report WHERE assignment_id = ?1", f.ownAssignment));
        assertEquals(0, rows("SELECT count(*) FROM evidence_file WHERE assignment_id = ?1", f.ownAssignment));

        // the same report without the refused file goes through
        report(operator(f.own), f.ownAssignment, file("纪要.pdf", Samples.pdf(), "application/pdf")).statusCode(201);
        assertEquals(before.size() + 1, objects().size());
    }

    @Test
    void theSweeperDeletesObjectsNoReportNamesAndKeepsTheOthers() {
        String kept = report(operator(f.own), f.ownAssignment, file("纪要.pdf", Samples.pdf(), "application/pdf"))
                .statusCode(201).extract().path("latestProgress.evidence[0].id");
        // what a process killed between the upload and the commit leaves: an object without a row
        UUID stray = UUID.randomUUID();
        store.client().putObject(r -> r.bucket(S3ProxyResource.BUCKET).key("evidence/" + stray),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(Samples.pdf()));
        // an object outside the evidence key space is not the sweeper's
        store.client().putObject(r -> r.bucket(S3ProxyResource.BUCKET).key("evidence/not-an-id"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[]{1}));
        // young objects are left alone (an upload may be about to commit)
        assertEquals(0, sweeper.sweep(java.time.Duration.ofHours(1)));
        assertEquals(true, objects().contains("evidence/" + stray));

        assertEquals(1, sweeper.sweep(java.time.Duration.ZERO));
        List<String> left = objects();
        assertEquals(false, left.contains("evidence/" + stray), left.toString());
        assertEquals(true, left.contains("evidence/" + kept), left.toString());
        assertEquals(true, left.contains("evidence/not-an-id"), left.toString());
    }
}

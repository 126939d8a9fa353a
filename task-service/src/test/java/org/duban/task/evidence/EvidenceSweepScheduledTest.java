package org.duban.task.evidence;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.duban.task.ProductionSchedules;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.duban.task.evidence.EvidenceFixture.file;
import static org.duban.task.evidence.EvidenceFixture.operator;
import static org.duban.task.evidence.EvidenceFixture.report;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 sweep runs by itself, on its schedule ({@code duban.evidence.sweep-every}, here 1 s; objects younger
 * than {@code sweep-min-age}, here 5 s, are left alone; {@link ProductionSchedules}): nobody calls it, and an
 * object without a row goes while the files of a committed report stay.
 */
@QuarkusTest
@TestProfile(ProductionSchedules.class)
class EvidenceSweepScheduledTest {

    @Inject
    S3EvidenceStore store;

    List<String> objects() {
        return store.client().listObjectsV2Paginator(r -> r.bucket(S3ProxyResource.BUCKET)).contents().stream()
                .map(S3Object::key).toList();
    }

    @Test
    void theScheduledSweepDeletesAnObjectNoReportNamesAndKeepsAReportsFiles() {
        EvidenceFixture f = new EvidenceFixture();
        f.accept(f.ownAssignment, f.own);
        String kept = report(operator(f.own), f.ownAssignment, file("纪要.pdf", Samples.pdf(), "application/pdf"))
                .statusCode(201).extract().path("latestProgress.evidence[0].id");
        UUID stray = UUID.randomUUID(); // what a process killed between the upload and the commit leaves
        store.client().putObject(r -> r.bucket(S3ProxyResource.BUCKET).key("evidence/" + stray),
                RequestBody.fromBytes(Samples.pdf()));
        assertTrue(objects().contains("evidence/" + stray));

        await().atMost(Duration.ofSeconds(90)).until(() -> !objects().contains("evidence/" + stray));
        assertTrue(objects().contains("evidence/" + kept), "a committed report's file stays: " + objects());
    }
}

package org.duban.task;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.duban.task.evidence.S3ProxyResource;

import java.util.List;
import java.util.Map;

/**
 * The test profile where the scheduled jobs run by themselves, as in production, only faster: the reminder
 * scheduler every 1 s (off in the other tests, which call passes) and, on the S3 store (S3Proxy), the evidence
 * sweep every 1 s for objects older than 5 s. One profile, so its test classes share one start of the service;
 * EvidenceS3Test shares it too (for the S3 store; it pauses the sweep while it runs).
 */
public class ProductionSchedules implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("duban.reminders.enabled", "true", "duban.reminders.every", "1s",
                "duban.evidence.sweep-every", "1s", "duban.evidence.sweep-min-age", "5s");
    }
}

package org.duban.task.evidence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The S3 store's backstop: an object no {@code evidence_file} row names is the leftover of a report whose process
 * died between writing the object and committing the row (a failed transaction deletes its objects itself,
 * {@link EvidenceService}). Objects older than {@code duban.evidence.sweep-min-age} (longer than any upload takes
 * to commit) without a row are deleted, a page of keys (up to 1,000) and one query at a time. Any replica may run it.
 */
@ApplicationScoped
public class EvidenceSweeper {

    private static final Logger LOG = Logger.getLogger(EvidenceSweeper.class);

    @Inject
    EvidenceConfig config;

    @Inject
    S3EvidenceStore s3;

    @Inject
    EntityManager em;

    @Scheduled(every = "${duban.evidence.sweep-every}", delayed = "${duban.evidence.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.store() != EvidenceConfig.Store.S3) {
            return;
        }
        try {
            int n = sweep(config.sweepMinAge());
            if (n > 0) {
                LOG.infof("deleted %d evidence object(s) that no report names", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("the evidence sweep failed (it runs again later): %s", e.toString());
        }
    }

    /** Deletes the objects under the key prefix older than {@code minAge} that no evidence row names; how many. */
    public int sweep(Duration minAge) {
        String bucket = config.s3().bucket();
        String prefix = config.s3().keyPrefix();
        Instant cutoff = Instant.now().minus(minAge);
        int deleted = 0;
        for (ListObjectsV2Response page : s3.client().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))) {
            List<UUID> candidates = new ArrayList<>();
            for (S3Object o : page.contents()) {
                if (o.lastModified() != null && o.lastModified().isAfter(cutoff)) {
                    continue;
                }
                try {
                    candidates.add(UUID.fromString(o.key().substring(prefix.length())));
                } catch (IllegalArgumentException notOurs) {
                    // not an evidence id: left alone
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            Set<UUID> known = QuarkusTransaction.requiringNew().call(() -> new HashSet<>(em
                    .createQuery("select e.id from EvidenceFile e where e.id in :ids", UUID.class)
                    .setParameter("ids", candidates).getResultList()));
            for (UUID id : candidates) {
                if (!known.contains(id)) {
                    s3.delete(id);
                    deleted++;
                }
            }
        }
        return deleted;
    }
}

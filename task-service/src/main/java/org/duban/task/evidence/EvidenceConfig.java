package org.duban.task.evidence;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/**
 * {@code duban.evidence.*}: the limits of evidence files (佐证材料) and where their bytes are kept.
 * The HTTP body limit ({@code quarkus.http.limits.max-body-size}) must be at least {@link #maxTotalSize()}
 * plus the form's own few kilobytes: a body past it is refused (413) while it streams, before any limit here.
 */
@ConfigMapping(prefix = "duban.evidence")
public interface EvidenceConfig {

    /** Where the bytes go: {@code postgres} (default, in the service's own database) or {@code s3}. */
    @WithDefault("postgres")
    Store store();

    /** At most this many bytes per file. */
    @WithDefault("20M")
    MemorySize maxFileSize();

    /** At most this many files per progress report. */
    @WithDefault("10")
    int maxFiles();

    /** At most this many bytes of files per progress report. */
    @WithDefault("50M")
    MemorySize maxTotalSize();

    /** A file name (its last path segment) may have at most this many characters. */
    @WithDefault("200")
    int maxFileNameLength();

    /** The PostgreSQL store writes and reads a file in chunks of this size (one chunk in memory at a time). */
    @WithDefault("1M")
    MemorySize chunkSize();

    /** How often the S3 sweep runs (read by EvidenceSweeper's @Scheduled). */
    @WithDefault("1h")
    String sweepEvery();

    /** The S3 sweep deletes objects without a row only when older than this (longer than any upload takes to commit). */
    @WithDefault("1h")
    java.time.Duration sweepMinAge();

    S3 s3();

    enum Store {
        POSTGRES, S3
    }

    /** The object storage, when {@code store=s3}: any S3-compatible server (AWS S3, MinIO, Ceph RGW …). */
    interface S3 {
        /** The server; empty means AWS S3 of {@link #region()}. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("duban-evidence")
        String bucket();

        /** Prepended to each object key (the evidence id). */
        @WithDefault("evidence/")
        String keyPrefix();

        /** Path-style addressing (http://host/bucket/key), which most self-hosted servers need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Static credentials; when unset the SDK's default chain (environment, profile, instance role) is used. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}

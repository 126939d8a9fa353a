package org.duban.task.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One evidence file (佐证材料) of a progress report: what it is; its bytes are in the {@link EvidenceStore}. */
@Entity
@Table(name = "evidence_file")
public class EvidenceFile extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "report_id", nullable = false)
    public UUID reportId;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    /** Its place among the report's files, as uploaded. */
    @Column(nullable = false)
    public int position;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    /** Decided by content ({@link EvidenceTypes}). */
    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Hex SHA-256 of the bytes, computed as they were stored. */
    @Column(nullable = false)
    public String sha256;

    /** The store that holds the bytes ({@code postgres} or {@code s3}): a file stays readable after a switch. */
    @Column(nullable = false)
    public String storage;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}

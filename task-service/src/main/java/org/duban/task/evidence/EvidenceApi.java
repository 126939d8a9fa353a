package org.duban.task.evidence;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The API bodies of evidence files. */
public final class EvidenceApi {

    private EvidenceApi() {
    }

    @Schema(name = "EvidenceFile", description = "佐证材料: a file sent with a progress report. Its type was decided by its "
            + "content; download it at downloadPath (same access as the report: the unit's own callers, the supervisor, the viewer)")
    public record EvidenceView(
            UUID id,
            @Schema(examples = "政务公开专题会议纪要.pdf") String fileName,
            @Schema(examples = "application/pdf") String mediaType,
            @Schema(examples = "482133") long size,
            @Schema(description = "Hex SHA-256 of the bytes") String sha256,
            OffsetDateTime uploadedAt,
            @Schema(examples = "/api/v1/assignments/5f0c…/progress-reports/8a1e…/evidence/c2d4…") String downloadPath) {

        public static EvidenceView of(EvidenceFile f) {
            return new EvidenceView(f.id, f.fileName, f.mediaType, f.sizeBytes, f.sha256, f.createdAt,
                    "/api/v1/assignments/" + f.assignmentId + "/progress-reports/" + f.reportId + "/evidence/" + f.id);
        }
    }
}

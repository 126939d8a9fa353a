package org.duban.task.evidence;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The OpenAPI description of {@link EvidenceForm} (the form is read by field name; this only documents it). */
@Schema(name = "ReportProgressWithEvidence", description = "进展报送 with evidence files (佐证材料), as multipart/form-data")
public record EvidenceFormDoc(
        @Schema(required = true, examples = "已召开专题会议，权责清单已在门户网站公开", maxLength = 4000) String summary,
        @Schema(required = true, examples = "80", minimum = "0", maximum = "100") Integer percent,
        @Schema(examples = "9月底前完成公开", maxLength = 4000) String nextSteps,
        @Schema(description = "http(s) links, the field repeated once per link") List<String> evidenceLinks,
        @Schema(description = "the files, the field repeated once per file; type told by content (PDF, PNG, JPEG, Word, Excel, plain text)",
                type = SchemaType.ARRAY) List<BinaryFile> files) {

    /** One file part: its bytes. */
    @Schema(name = "BinaryFile", type = SchemaType.STRING, format = "binary", description = "A file's bytes")
    public static final class BinaryFile {
        private BinaryFile() {
        }
    }
}

package org.duban.task.evidence;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.task.task.TaskApi;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The multipart form of 进展报送 with evidence files: the report's fields as text parts and the files as
 * {@code files} parts. The HTTP layer has streamed each file to a temporary file (deleted when the request ends)
 * and refused a body past {@code quarkus.http.limits.max-body-size} while it streamed, so no file is held in memory.
 */
public class EvidenceForm {

    public static final String FILES = "files";

    @RestForm
    public List<String> summary;

    @RestForm
    public List<String> percent;

    @RestForm
    public List<String> nextSteps;

    @RestForm
    public List<String> evidenceLinks;

    /** Every file part, whatever its field: a file in another field than {@code files} is refused, not dropped. */
    @RestForm(FileUpload.ALL)
    public List<FileUpload> allFiles;

    /** The report's fields; a percent that is no whole number is a 400 naming it. */
    public TaskApi.ReportProgress report() {
        String summary = once("summary", this.summary);
        String percent = once("percent", this.percent);
        String nextSteps = once("nextSteps", this.nextSteps);
        Integer p = null;
        if (percent != null && !percent.isBlank()) {
            try {
                p = Integer.valueOf(percent.strip());
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.VALIDATION, "percent must be a whole number from 0 to 100",
                        List.of(new Problem.FieldError("percent", "must be a whole number", abbreviate(percent))));
            }
        }
        return new TaskApi.ReportProgress(summary, p, evidenceLinks == null || evidenceLinks.isEmpty() ? null : evidenceLinks,
                nextSteps == null || nextSteps.isBlank() ? null : nextSteps);
    }

    /** A single-valued field's value; sent twice is a 400 (as a JSON key given twice), never "the first wins". */
    private static String once(String field, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ProblemException(ProblemType.VALIDATION, "Field '" + field + "' is given twice; send each field once",
                    List.of(Problem.FieldError.of(field, "given twice")));
        }
        return values.get(0);
    }

    public List<EvidenceService.Upload> uploads() {
        List<EvidenceService.Upload> out = new ArrayList<>();
        if (allFiles == null) {
            return out;
        }
        for (FileUpload f : allFiles) {
            if (!FILES.equals(f.name())) {
                throw new ProblemException(ProblemType.VALIDATION,
                        "Send evidence files in the form field '" + FILES + "'",
                        List.of(Problem.FieldError.of(abbreviate(f.name()), "not a field of this form; files go in '" + FILES + "'")));
            }
            out.add(new EvidenceService.Upload(f.uploadedFile(), f.fileName(), f.size()));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }

    /**
     * {@code Content-Disposition} for a download (RFC 6266): an ASCII fallback name and the real name as
     * RFC 8187 UTF-8 ({@code filename*}), which browsers and curl -OJ use.
     */
    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%'
                ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

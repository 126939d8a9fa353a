package org.duban.task.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import org.duban.task.task.ReportEvidence;
import org.duban.task.task.TaskApi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The evidence files of some progress reports, in one query, for the report views. */
@ApplicationScoped
public class EvidenceViews implements ReportEvidence {

    @Override
    public Map<UUID, List<TaskApi.EvidenceView>> byReport(Collection<UUID> reportIds) {
        if (reportIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<TaskApi.EvidenceView>> out = new LinkedHashMap<>();
        EvidenceFile.<EvidenceFile>list("reportId in ?1 order by reportId, position", reportIds)
                .forEach(f -> out.computeIfAbsent(f.reportId, k -> new java.util.ArrayList<>()).add(view(f)));
        return out;
    }

    static TaskApi.EvidenceView view(EvidenceFile f) {
        return new TaskApi.EvidenceView(f.id, f.fileName, f.mediaType, f.sizeBytes, f.sha256, f.createdAt,
                "/api/v1/assignments/" + f.assignmentId + "/progress-reports/" + f.reportId + "/evidence/" + f.id);
    }
}

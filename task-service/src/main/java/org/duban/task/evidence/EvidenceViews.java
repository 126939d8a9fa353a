package org.duban.task.evidence;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The evidence files of some progress reports, in one query, for the report views. */
public final class EvidenceViews {

    private EvidenceViews() {
    }

    public static Map<UUID, List<EvidenceApi.EvidenceView>> byReport(Collection<UUID> reportIds) {
        if (reportIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<EvidenceApi.EvidenceView>> out = new LinkedHashMap<>();
        EvidenceFile.<EvidenceFile>list("reportId in ?1 order by reportId, position", reportIds)
                .forEach(f -> out.computeIfAbsent(f.reportId, k -> new java.util.ArrayList<>()).add(EvidenceApi.EvidenceView.of(f)));
        return out;
    }
}

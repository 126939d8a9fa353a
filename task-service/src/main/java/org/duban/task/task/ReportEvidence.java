package org.duban.task.task;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The evidence files (佐证材料, issue 19) of progress reports, for the report views. Owned here and implemented by
 * evidence's {@code EvidenceViews}, so that evidence depends on task and not the reverse (issue 18).
 */
public interface ReportEvidence {

    /** The files of the reports, by report id, in upload order; in one query. */
    Map<UUID, List<TaskApi.EvidenceView>> byReport(Collection<UUID> reportIds);
}

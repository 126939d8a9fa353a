package org.duban.task;

import org.duban.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No cycles among the packages right below org.duban.task (issue 18), but the ones listed in {@link #KNOWN}.
 * A new cycle fails, and so does a listed one that changed or is gone: remove it from the list then.
 */
class PackageCyclesTest {

    static final String ROOT = "org.duban.task";

    /** Cycles being removed by other work, each as its packages; the list only shrinks. */
    static final Set<Set<String>> KNOWN = Set.of(
            // task↔plan↔query↔history (issue 18), grown by issue 19's features merged beside it: evidence↔task
            // (AssignmentService stores files through EvidenceService, which drives AssignmentService), report↔task,
            // report↔plan (the cycle on CreatePlan/PlanDraft; ReportDues reads Plan) and report↔reminder (Reminders
            // fires report reminders, ReportDues plans them). Next: the views and the write path apart from the
            // entities, so that features depend on task and not the other way round.
            Set.of("task", "plan", "query", "history", "evidence", "reminder", "report"));

    @Test
    void thePackagesHaveNoCyclesButTheListedOnes() {
        Set<Set<String>> found = PackageCycles.of(ROOT);
        assertEquals(KNOWN, found, () -> "package cycles below " + ROOT + " differ from the list; where they run:\n"
                + found.stream().map(c -> c + ":\n" + PackageCycles.describe(ROOT, c)).collect(Collectors.joining("\n")));
    }
}

package org.duban.task.task;

import org.duban.common.security.Caller;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule of what a caller sees of a unit's part in shared work, caller by caller. */
class VisibilityTest {

    static final Caller SUPERVISOR = new Caller("supervisor:local", Set.of(Caller.SUPERVISOR), Set.of());
    static final Caller VIEWER = new Caller("viewer:local", Set.of(Caller.VIEWER), Set.of());
    static final Caller SFJ = new Caller("unit:sfj", Set.of(Caller.UNIT_OPERATOR), Set.of("sfj"));
    static final Caller CZJ = new Caller("unit:czj", Set.of(Caller.UNIT_OPERATOR), Set.of("czj"));
    static final Caller OA = new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("czj", "jtj"));
    static final Caller OA_OTHERS = new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("jtj"));

    static TaskApi.AssignmentView sfjPart() {
        UUID id = UUID.randomUUID();
        return new TaskApi.AssignmentView(id, UUID.randomUUID(), "推进行政执法公示制度", null, "sfj", "珠海市司法局",
                Assignment.Role.LEAD, Assignment.Origin.PLANNED, Assignment.State.IN_PROGRESS, LocalDate.of(2020, 12, 31),
                StatusLight.YELLOW, 60,
                new TaskApi.ProgressView(UUID.randomUUID(), "已完成权责清单梳理", 60, List.of("https://www.zhuhai.gov.cn/x"),
                        "9月底前完成公开", "unit:sfj", OffsetDateTime.now(), List.of()),
                new TaskApi.ExtensionView(UUID.randomUUID(), id, ExtensionRequest.State.PENDING, "需待省平台上线",
                        LocalDate.of(2020, 12, 31), LocalDate.of(2021, 3, 31), "unit:sfj", OffsetDateTime.now(),
                        null, null, null),
                List.of("report-progress", "submit"), OffsetDateTime.now(), 3, false);
    }

    @Test
    void theSupervisorTheViewerAndTheUnitItselfSeeAllOfItsPart() {
        TaskApi.AssignmentView v = sfjPart();
        for (Caller c : List.of(SUPERVISOR, VIEWER, SFJ, new Caller("integration:oa", Set.of(Caller.INTEGRATION), Set.of("sfj")))) {
            assertSame(v, Visibility.assignment(v, c), c.subject());
        }
    }

    @Test
    void anotherUnitAnIntegrationForOtherUnitsAndNobodySeeOnlyStateDeadlineLightAndUnit() {
        TaskApi.AssignmentView v = sfjPart();
        for (Caller c : List.of(CZJ, OA, OA_OTHERS, Caller.ANONYMOUS)) {
            TaskApi.AssignmentView r = Visibility.assignment(v, c);
            assertEquals(List.of(v.id(), "sfj", "珠海市司法局", Assignment.Role.LEAD, Assignment.State.IN_PROGRESS,
                    LocalDate.of(2020, 12, 31), StatusLight.YELLOW),
                    List.of(r.id(), r.unitCode(), r.unitName(), r.role(), r.state(), r.deadline(), r.light()));
            assertNull(r.latestProgress());
            assertNull(r.pendingExtension());
            assertNull(r.progressPercent());
            assertTrue(r.redacted());
        }
    }

    static TaskApi.HistoryView entry(String unit, String action, String reason, Map<String, Object> details) {
        return new TaskApi.HistoryView(7, UUID.randomUUID(), unit == null ? null : UUID.randomUUID(), unit, action,
                "unit:" + unit, OffsetDateTime.now(), "ACCEPTED", "IN_PROGRESS", reason, details, false);
    }

    @Test
    void anotherUnitsHistoryEntryKeepsActionTimeUnitStatesAndDeadlinesOnly() {
        TaskApi.HistoryView h = entry("sfj", "report-progress", null, Map.of("summary", "已完成梳理", "percent", 60,
                "evidenceLinks", List.of("https://www.zhuhai.gov.cn/x"), "nextSteps", "报审", "reportId", "r1"));
        TaskApi.HistoryView r = Visibility.history(h, CZJ);
        assertEquals(List.of(h.seq(), h.action(), h.at(), "sfj", "ACCEPTED", "IN_PROGRESS"),
                List.of(r.seq(), r.action(), r.at(), r.unitCode(), r.fromState(), r.toState()));
        assertNull(r.actor());
        assertEquals(Map.of(), r.details());
        assertTrue(r.redacted());

        TaskApi.HistoryView returned = Visibility.history(entry("sfj", "return", "该事项不属于本单位职责", Map.of()), OA_OTHERS);
        assertNull(returned.reason());
        TaskApi.HistoryView changed = Visibility.history(entry("sfj", "change-deadline", "根据省里部署调整",
                Map.of("deadline", "2021-01-31", "previousDeadline", "2020-12-31")), CZJ);
        assertNull(changed.reason());
        assertEquals(Map.of("deadline", "2021-01-31", "previousDeadline", "2020-12-31"), changed.details());
        TaskApi.HistoryView assigned = Visibility.history(entry("sfj", "assigned", null,
                Map.of("role", "LEAD", "origin", "PLANNED")), CZJ);
        assertEquals(Map.of("role", "LEAD", "origin", "PLANNED"), assigned.details());
    }

    @Test
    void ownEntriesAndTheTasksOwnEntriesAreShownWhole() {
        TaskApi.HistoryView own = entry("sfj", "accept", "已签收", Map.of());
        assertSame(own, Visibility.history(own, SFJ));
        assertSame(own, Visibility.history(own, VIEWER));
        TaskApi.HistoryView published = entry(null, "published", null, Map.of("planId", "p"));
        assertSame(published, Visibility.history(published, CZJ));
        assertFalse(Visibility.history(published, CZJ).redacted());
    }
}

package org.duban.task.plan;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.task.deadline.DeadlineContext;
import org.duban.task.deadline.DeadlineParser;
import org.duban.task.deadline.ParsedDeadline;
import org.duban.task.history.Actor;
import org.duban.task.task.ReportCycles;
import org.duban.task.history.History;
import org.duban.task.task.Assignment;
import org.duban.task.task.AssignmentLifecycle;
import org.duban.task.task.Lights;
import org.duban.task.task.Task;
import org.duban.task.task.TaskApi;
import org.duban.events.task.PlanPublished;
import org.duban.task.task.TaskEvents;
import org.duban.task.task.TaskMeters;
import org.duban.task.task.TaskService;
import org.duban.task.task.TaskViews;
import org.duban.task.task.Units;
import org.duban.task.task.WriteSet;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Drafts plans and publishes them: publishing creates every assignment and its events in one transaction. */
@ApplicationScoped
@Transactional
public class PlanService {

    @Inject
    TaskService tasks;

    @Inject
    TaskViews views;

    @Inject
    Actor actor;

    @Inject
    Clock clock;

    @Inject
    Lights lights;

    @Inject
    Access access;

    @Inject
    Event<TaskMeters.Created> tasksCreated;

    public PlanApi.PlanView create(PlanApi.CreatePlan req) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate defaultDeadline = req.defaultDeadline() != null ? req.defaultDeadline() : LocalDate.of(req.year(), 12, 31);
        DeadlineContext ctx = new DeadlineContext(req.year(), req.issueDate(), defaultDeadline, lights.days());
        List<PlanDraft.Section> sections = new ArrayList<>();
        for (int s = 0; s < req.sections().size(); s++) {
            PlanApi.SectionInput si = req.sections().get(s);
            List<PlanDraft.WorkItem> items = new ArrayList<>();
            for (int w = 0; w < si.workItems().size(); w++) {
                PlanApi.WorkItemInput wi = si.workItems().get(w);
                List<PlanDraft.DraftTask> ts = new ArrayList<>();
                for (int t = 0; t < wi.tasks().size(); t++) {
                    PlanApi.PlanTaskInput ti = wi.tasks().get(t);
                    if (ti.deadline() != null && Boolean.TRUE.equals(ti.periodic())) {
                        errors.add(Problem.FieldError.of("sections[" + s + "].workItems[" + w + "].tasks[" + t + "].periodic",
                                "a periodic task has no deadline"));
                    }
                    String phrase = ti.deadlinePhrase() == null || ti.deadlinePhrase().isBlank() ? null : ti.deadlinePhrase().strip();
                    Deadline d = deadline(ti.deadline(), ti.periodic(), phrase, ctx);
                    ts.add(new PlanDraft.DraftTask(ti.text(), d.date(), d.source(), phrase, ti.tags(), ti.leadUnitCode(),
                            ti.responsibleUnitCodes(), ti.openGroups(), ti.reportCycle()));
                }
                items.add(new PlanDraft.WorkItem(wi.title(), ts));
            }
            sections.add(new PlanDraft.Section(si.title(), items));
        }
        PlanDraft draft = new PlanDraft(req.documentNumber(), req.title(), req.issuer(), req.issueDate(), req.year(),
                req.basisDocument(), defaultDeadline, req.reminderDays(), req.overdueDaily(), sections, req.reportCycle());
        return view(write(draft, errors), true);
    }

    /**
     * Drafts a plan whose deadlines and headings are decided already (an imported plan): the same checks
     * and writes as {@link #create}, nothing read again, no view built.
     */
    public PlanDraft.Drafted draft(PlanDraft draft) {
        Plan plan = write(draft, new ArrayList<>());
        int tasks = draft.sections().stream().flatMap(s -> s.workItems().stream()).mapToInt(w -> w.tasks().size()).sum();
        return new PlanDraft.Drafted(plan.id, plan.documentNumber, tasks);
    }

    /** {@code errors}: what the caller found already; reported with the draft's own. */
    private Plan write(PlanDraft req, List<Problem.FieldError> errors) {
        String number = req.documentNumber().strip();
        if (Plan.count("documentNumber", number) > 0) {
            throw new ProblemException(ProblemType.CONFLICT, "A plan with document number " + number + " exists",
                    List.of(new Problem.FieldError("documentNumber", "taken", number)));
        }
        List<Units.Ref> refs = new ArrayList<>();
        for (int s = 0; s < req.sections().size(); s++) {
            List<PlanDraft.WorkItem> items = req.sections().get(s).workItems();
            for (int w = 0; w < items.size(); w++) {
                List<PlanDraft.DraftTask> ts = items.get(w).tasks();
                for (int t = 0; t < ts.size(); t++) {
                    checkTask("sections[" + s + "].workItems[" + w + "].tasks[" + t + "]", ts.get(t), refs, errors);
                }
            }
        }
        if (req.reportCycle() != null) {
            errors.addAll(req.reportCycle().check("reportCycle"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.size() + " invalid field(s)", errors);
        }
        Units.requireActiveNames(refs);

        OffsetDateTime now = OffsetDateTime.now(clock);
        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.documentNumber = number;
        plan.title = req.title().strip();
        plan.issuer = req.issuer();
        plan.issueDate = req.issueDate();
        plan.year = req.year();
        plan.basisDocument = req.basisDocument();
        plan.defaultDeadline = req.defaultDeadline() != null ? req.defaultDeadline() : LocalDate.of(req.year(), 12, 31);
        plan.state = Plan.State.DRAFT;
        plan.reminderDays = req.reminderDays() != null ? new ArrayList<>(req.reminderDays()) : new ArrayList<>(List.of(5, 3, 1));
        plan.overdueDaily = req.overdueDaily() == null || req.overdueDaily();
        plan.reportCycle = ReportCycles.toJson(req.reportCycle() == null ? null : req.reportCycle().withRange(req.year()));
        plan.createdAt = now;
        int ordinal = 0;
        List<Task> created = new ArrayList<>();
        for (int s = 0; s < req.sections().size(); s++) {
            PlanDraft.Section si = req.sections().get(s);
            PlanSection section = new PlanSection();
            section.id = UUID.randomUUID();
            section.plan = plan;
            section.ordinal = s + 1;
            section.title = si.title().strip();
            plan.sections.add(section);
            for (int w = 0; w < si.workItems().size(); w++) {
                PlanDraft.WorkItem wi = si.workItems().get(w);
                WorkItem item = new WorkItem();
                item.id = UUID.randomUUID();
                item.section = section;
                item.ordinal = w + 1;
                item.title = wi.title().strip();
                section.workItems.add(item);
                for (PlanDraft.DraftTask ti : wi.tasks()) {
                    Task t = new Task();
                    t.id = UUID.randomUUID();
                    t.planId = plan.id;
                    t.sectionId = section.id;
                    t.workItemId = item.id;
                    t.ordinal = ++ordinal;
                    t.title = ti.text().strip();
                    t.createdAt = now;
                    t.deadlinePhrase = ti.deadlinePhrase() == null || ti.deadlinePhrase().isBlank() ? null : ti.deadlinePhrase().strip();
                    t.deadlineSource = ti.deadlineSource();
                    t.deadline = ti.deadlineSource() == Task.DeadlineSource.NONE_PERIODIC ? null
                            : ti.deadline() != null ? ti.deadline() : plan.defaultDeadline;
                    t.tags = ti.tags() == null ? new ArrayList<>() : new ArrayList<>(ti.tags());
                    t.leadUnitCode = ti.leadUnitCode() == null || ti.leadUnitCode().isBlank() ? null : ti.leadUnitCode().strip();
                    t.responsibleUnitCodes = ti.responsibleUnitCodes() == null ? new ArrayList<>() : new ArrayList<>(ti.responsibleUnitCodes());
                    t.openGroups = ti.openGroups() == null ? new ArrayList<>() : new ArrayList<>(ti.openGroups());
                    t.reportCycle = ReportCycles.toJson(ti.reportCycle() == null ? null : ti.reportCycle().withRange(req.year()));
                    created.add(t);
                }
            }
        }
        plan.persist();
        WriteSet writes = new WriteSet();
        for (Task t : created) {
            t.persist();
            writes.history(new History.Entry(t.id, null, null, "drafted", null, null, null,
                    Map.of("planId", plan.id.toString(), "deadlineSource", t.deadlineSource.name())));
        }
        tasks.write(writes);
        tasksCreated.fire(new TaskMeters.Created(created.size()));
        return plan;
    }

    /**
     * Publishes a draft: in one transaction, one assignment per named unit (the lead first, LEAD; the
     * others RESPONSIBLE), one {@code task.assigned} per assignment, one {@code plan.published}.
     * Open groups stay open until units claim or are designated.
     */
    public PlanApi.PlanView publish(UUID id, Long expectedVersion) {
        Plan plan = Plan.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            throw ProblemException.notFound("No plan with id " + id);
        }
        if (plan.state != Plan.State.DRAFT) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("currentState", plan.state.name());
            ext.put("action", "publish");
            ext.put("allowedActions", List.of());
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION, "The plan is already " + plan.state, List.of(), ext);
        }
        if (expectedVersion != null && expectedVersion != plan.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The plan is at version " + plan.version + ", not " + expectedVersion + ": read it again");
        }
        // a draft's tasks have no assignments, and the new ones are not added to the entities' lists (openNew)
        List<Task> planTasks = Task.list("planId", Sort.ascending("ordinal"), plan.id);
        List<Units.Ref> refs = new ArrayList<>();
        for (Task t : planTasks) {
            unitsOf(t).forEach(code -> refs.add(new Units.Ref("tasks[" + t.ordinal + "]", code)));
        }
        Map<String, String> names = Units.requireActiveNames(refs);
        OffsetDateTime now = OffsetDateTime.now(clock);
        AssignmentLifecycle.ReminderPolicy policy = plan.reminderPolicy();
        // set-based (WriteSet): the assignments, their events and their history rows in one statement each
        WriteSet writes = new WriteSet();
        Map<UUID, List<Assignment>> written = new HashMap<>();
        tasks.parts(writes).knowNames(names);
        int assignments = 0;
        int open = 0;
        for (Task t : planTasks) {
            writes.history(new History.Entry(t.id, null, null, "published", null, null, null,
                    Map.of("planId", plan.id.toString())));
            for (String code : unitsOf(t)) {
                Assignment.Role role = code.equals(t.leadUnitCode) ? Assignment.Role.LEAD : Assignment.Role.RESPONSIBLE;
                written.computeIfAbsent(t.id, k -> new ArrayList<>())
                        .add(tasks.openNew(writes, t, code, names.get(code), role, Assignment.Origin.PLANNED, policy, now));
                assignments++;
            }
            if (!t.openGroups.isEmpty()) {
                open++;
            }
        }
        plan.state = Plan.State.PUBLISHED;
        plan.publishedAt = now;
        writes.event(TaskEvents.TOPIC, plan.id.toString(), org.duban.events.task.TaskEvents.PLAN_PUBLISHED.name(),
                plan.id.toString(), new PlanPublished(plan.id, plan.documentNumber, plan.title, plan.year, planTasks.size(),
                        assignments, open, actor.name(), now));
        tasks.write(writes); // flushes first: the view shows the new version
        // a draft's tasks have no assignments (claims and designations wait for the publish): all are new
        return view(plan, planTasks, views.created(planTasks, written, names));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PlanApi.PlanView> find(UUID id) {
        return Plan.<Plan>findByIdOptional(id).map(p -> view(p, true));
    }

    /** The plan with its tree, if the caller may see it: drafts are the supervisor's and the viewer's only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanApi.PlanView read(UUID id) {
        Plan plan = Plan.findById(id);
        if (plan == null) {
            throw ProblemException.notFound("No plan with id " + id);
        }
        if (plan.state != Plan.State.PUBLISHED && !access.caller().seesAllUnits()) {
            throw Access.forbidden("Plan " + id + " is not published yet");
        }
        return view(plan, true);
    }

    /** Plans newest first; the cursor is the last plan's id. Drafts are left out unless the caller sees all units. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PlanApi.PlanPage list(UUID cursor, int limit) {
        Sort order = Sort.descending("createdAt", "id");
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!access.caller().seesAllUnits()) {
            where.add("state = :published");
            params.and("published", Plan.State.PUBLISHED);
        }
        if (cursor != null) {
            Plan last = Plan.findById(cursor);
            if (last == null) {
                throw new ProblemException(ProblemType.VALIDATION, "Query parameter 'cursor' is invalid",
                        List.of(new Problem.FieldError("cursor", "unknown cursor", cursor.toString())));
            }
            where.add("(createdAt < :cAt or (createdAt = :cAt and id < :cId))");
            params.and("cAt", last.createdAt).and("cId", last.id);
        }
        List<Plan> plans = (where.isEmpty() ? Plan.<Plan>findAll(order) : Plan.<Plan>find(String.join(" and ", where), order, params))
                .page(0, limit + 1).list();
        boolean more = plans.size() > limit;
        List<PlanApi.PlanView> items = plans.stream().limit(limit).map(p -> view(p, false)).toList();
        return new PlanApi.PlanPage(items, more ? items.get(items.size() - 1).id().toString() : null);
    }

    /** The lead first, then the responsible units, each once. */
    static List<String> unitsOf(Task t) {
        List<String> codes = new ArrayList<>();
        if (t.leadUnitCode != null) {
            codes.add(t.leadUnitCode);
        }
        for (String c : t.responsibleUnitCodes) {
            if (!codes.contains(c)) {
                codes.add(c);
            }
        }
        return codes;
    }

    /** A task's deadline and where it came from. */
    public record Deadline(LocalDate date, Task.DeadlineSource source) {
    }

    /**
     * An explicit date wins; else {@code periodic}; else the phrase read by {@link DeadlineParser} (a date,
     * or 长期坚持 = no deadline); else the plan's default, and the task says so.
     */
    static Deadline deadline(LocalDate explicit, Boolean periodic, String phrase, DeadlineContext ctx) {
        if (explicit != null) {
            return new Deadline(explicit, Task.DeadlineSource.EXPLICIT);
        }
        if (Boolean.TRUE.equals(periodic)) {
            return new Deadline(null, Task.DeadlineSource.NONE_PERIODIC);
        }
        if (phrase != null) {
            ParsedDeadline parsed = DeadlineParser.parse(phrase, ctx);
            if (parsed.kind() == ParsedDeadline.Kind.DATE) {
                return new Deadline(parsed.date(), Task.DeadlineSource.PHRASE);
            }
            if (parsed.kind() == ParsedDeadline.Kind.ONGOING) {
                return new Deadline(null, Task.DeadlineSource.NONE_PERIODIC);
            }
        }
        return new Deadline(ctx.defaultDeadline(), Task.DeadlineSource.PLAN_DEFAULT);
    }

    private static void checkTask(String path, PlanDraft.DraftTask t, List<Units.Ref> refs, List<Problem.FieldError> errors) {
        Set<String> seen = new HashSet<>();
        boolean lead = t.leadUnitCode() != null && !t.leadUnitCode().isBlank();
        if (lead) {
            seen.add(t.leadUnitCode().strip());
            refs.add(new Units.Ref(path + ".leadUnitCode", t.leadUnitCode().strip()));
        }
        List<String> resp = t.responsibleUnitCodes() == null ? List.of() : t.responsibleUnitCodes();
        for (int i = 0; i < resp.size(); i++) {
            if (!seen.add(resp.get(i))) {
                errors.add(new Problem.FieldError(path + ".responsibleUnitCodes[" + i + "]", "listed twice", resp.get(i)));
            } else {
                refs.add(new Units.Ref(path + ".responsibleUnitCodes[" + i + "]", resp.get(i)));
            }
        }
        boolean groups = t.openGroups() != null && !t.openGroups().isEmpty();
        if (!lead && resp.isEmpty() && !groups) {
            errors.add(Problem.FieldError.of(path, "names no unit: give leadUnitCode, responsibleUnitCodes or openGroups"));
        }
        if (t.reportCycle() != null) {
            errors.addAll(t.reportCycle().check(path + ".reportCycle"));
        }
    }

    private PlanApi.PlanView view(Plan plan, boolean withTree) {
        if (withTree) {
            List<Task> planTasks = Task.list("planId", Sort.ascending("ordinal"), plan.id);
            return view(plan, planTasks, views.tasks(planTasks));
        }
        return view(plan, (int) Task.count("planId", plan.id), null);
    }

    /** The plan with its tree: {@code taskViews} are the views of {@code planTasks} (in plan order). */
    private PlanApi.PlanView view(Plan plan, List<Task> planTasks, List<TaskApi.TaskView> taskViews) {
        Map<UUID, List<TaskApi.TaskView>> byItem = new HashMap<>();
        for (TaskApi.TaskView v : taskViews) {
            byItem.computeIfAbsent(v.workItemId(), k -> new ArrayList<>()).add(v);
        }
        List<PlanApi.SectionView> sections = plan.sections.stream().map(s -> new PlanApi.SectionView(s.id, s.ordinal, s.title,
                s.workItems.stream().map(w -> new PlanApi.WorkItemView(w.id, w.ordinal, w.title,
                        byItem.getOrDefault(w.id, List.of()))).toList())).toList();
        return view(plan, planTasks.size(), sections);
    }

    private PlanApi.PlanView view(Plan plan, int count, List<PlanApi.SectionView> sections) {
        return new PlanApi.PlanView(plan.id, plan.documentNumber, plan.title, plan.issuer, plan.issueDate, plan.year,
                plan.basisDocument, plan.defaultDeadline, plan.state, List.copyOf(plan.reminderDays), plan.overdueDaily,
                plan.createdAt, plan.publishedAt, plan.version, count, sections, ReportCycles.fromJson(plan.reportCycle));
    }
}

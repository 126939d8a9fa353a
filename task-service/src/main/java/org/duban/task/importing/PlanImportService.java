package org.duban.task.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.time.DateRange;
import org.duban.common.calendar.WorkingDays;
import org.duban.task.deadline.DeadlineContext;
import org.duban.task.deadline.DeadlineParser;
import org.duban.task.deadline.ParsedDeadline;
import org.duban.task.plan.Plan;
import org.duban.task.plan.PlanDraft;
import org.duban.task.task.Task;
import org.duban.task.plan.PlanService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * From a plan document to a checked preview, and from a confirmed preview to a draft plan in one
 * transaction. Nothing but the preview row is written before confirmation.
 */
@ApplicationScoped
@Transactional
public class PlanImportService {

    static final int RESOLUTION_BATCH = 500;
    /** The registry resolves at most 20,000 characters of phrases per request, each at most 2,000. */
    static final int RESOLUTION_BATCH_CHARACTERS = 20_000;
    static final int MAX_PHRASE_LENGTH = 2_000;
    /** The registry searches at most 200,000 characters of task texts per request, each at most 4,000. */
    static final int TEXT_BATCH_CHARACTERS = 200_000;
    static final int MAX_TEXT_LENGTH = 4_000;

    @Inject
    @RestClient
    RegistryClient registry;

    @Inject
    WorkingDays workingDays;

    @Inject
    PlanService plans;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** How long a preview can be confirmed by its id. */
    @ConfigProperty(name = "duban.import.preview-ttl", defaultValue = "24h")
    Duration previewTtl;

    @Inject
    PlanDocuments documents;

    /** The document as uploaded: its bytes and what the client said it is. */
    public record Upload(byte[] bytes, String contentType, String fileName) {
    }

    public ImportApi.Preview preview(Upload upload) {
        PlanDocuments.Read document = read(upload);
        ParsedPlan parsed = document.plan();
        ParsedPlan.Metadata m = parsed.metadata();
        // no year in the document: deadlines stay unread until the supervisor sets it (never today's year)
        Integer year = m.year();
        LocalDate defaultDeadline = year == null ? null : LocalDate.of(year, 12, 31);
        DeadlineContext ctx = year == null ? null : new DeadlineContext(year, m.issueDate(), defaultDeadline, workingDays);
        Resolved resolved = resolve(parsed);
        String cityMismatch = cityMismatch(m.city(), resolved.city());

        List<ImportApi.Issue> issues = new ArrayList<>();
        parsed.problems().forEach(p -> issues.add(new ImportApi.Issue(p.line(), p.kind().name(), p.message())));
        if (cityMismatch != null) {
            issues.add(new ImportApi.Issue(parsed.cityLine(), "CITY_MISMATCH", cityMismatch));
        }
        List<ImportApi.Section> sections = new ArrayList<>();
        int unresolvedPhrases = 0;
        int withoutUnits = 0;
        for (ParsedPlan.Section s : parsed.sections()) {
            List<ImportApi.WorkItem> items = new ArrayList<>();
            for (ParsedPlan.WorkItem w : s.workItems()) {
                List<ImportApi.Task> tasks = new ArrayList<>();
                for (ParsedPlan.Task t : w.tasks()) {
                    RegistryClient.PhraseResolution r = resolved.phrases().get(t.unitPhrase());
                    // under a city mismatch the registry's units are another city's: none is named in the text either
                    List<RegistryClient.NamedUnit> named = cityMismatch == null
                            ? resolved.texts().getOrDefault(t.text(), List.of()) : List.of();
                    ImportApi.Task task = task(t, w, s, cityMismatch == null ? r : elsewhere(t.unitPhrase(), r), named, ctx);
                    if (task.unresolved() != null) {
                        unresolvedPhrases++;
                        issues.add(new ImportApi.Issue(t.line(), "UNRESOLVED_PHRASE", "No known unit for "
                                + String.join("、", task.unresolved().stream().map(ImportApi.Unresolved::text).toList())
                                + " in \"" + t.unitPhrase() + "\""));
                    }
                    if (t.unitPhrase() == null) {
                        withoutUnits++;
                    }
                    tasks.add(task);
                }
                items.add(new ImportApi.WorkItem(w.ordinal(), w.numbering(), w.title(), w.line(), tasks));
            }
            sections.add(new ImportApi.Section(s.ordinal(), s.numbering(), s.title(), s.line(), items));
        }
        ImportApi.PlanMeta meta = new ImportApi.PlanMeta(m.documentNumber(), m.title(), m.noticeTitle(), m.issuer(),
                m.issueDate(), m.city(), year, m.basisDocuments(), m.addressees(), defaultDeadline);
        ImportApi.Counts counts = new ImportApi.Counts(sections.size(), parsed.workItemCount(), parsed.taskCount(),
                unresolvedPhrases, withoutUnits);
        String sha = contentSha256(meta, sections);

        PlanImport row = new PlanImport();
        row.id = UUID.randomUUID();
        row.createdAt = OffsetDateTime.now(clock);
        row.expiresAt = row.createdAt.plus(previewTtl);
        row.contentSha256 = sha;
        row.documentNumber = m.documentNumber();
        row.state = PlanImport.State.PREVIEW;
        ImportApi.Preview preview = new ImportApi.Preview(row.id, row.expiresAt, document.format().wireName(), sha,
                duplicateOf(m.documentNumber(), sha), meta, sections, counts, issues);
        row.preview = write(preview);
        row.persist();
        return preview;
    }

    public java.util.Optional<ImportApi.Preview> find(UUID id) {
        return PlanImport.<PlanImport>findByIdOptional(id).map(r -> read(r.preview));
    }

    /** Creates the draft plan of a stored preview, within its time limit. */
    public ImportApi.Confirmed confirm(UUID id) {
        PlanImport row = PlanImport.findById(id);
        if (row == null) {
            throw ProblemException.notFound("No plan import with id " + id);
        }
        if (row.state == PlanImport.State.CONFIRMED) {
            throw new ProblemException(ProblemType.DUPLICATE_PLAN,
                    "This import was confirmed already as plan " + row.planId);
        }
        if (OffsetDateTime.now(clock).isAfter(row.expiresAt)) {
            throw new ProblemException(ProblemType.IMPORT_EXPIRED,
                    "The preview expired at " + row.expiresAt + "; post the document again, or post the preview back");
        }
        return create(read(row.preview), row);
    }

    /** Creates the draft plan of a preview posted back (possibly edited by the supervisor). */
    public ImportApi.Confirmed confirmEdited(ImportApi.Preview edited) {
        PlanImport row = edited.id() == null ? null : PlanImport.findById(edited.id());
        if (row != null && row.state == PlanImport.State.CONFIRMED) {
            throw new ProblemException(ProblemType.DUPLICATE_PLAN,
                    "This import was confirmed already as plan " + row.planId);
        }
        String sha = contentSha256(edited.plan(), edited.sections());
        if (row == null) {
            row = new PlanImport();
            row.id = UUID.randomUUID();
            row.createdAt = OffsetDateTime.now(clock);
            row.expiresAt = row.createdAt;
            row.state = PlanImport.State.PREVIEW;
        }
        row.contentSha256 = sha;
        row.documentNumber = edited.plan().documentNumber();
        row.preview = write(edited);
        row.persist();
        return create(edited, row);
    }

    private ImportApi.Confirmed create(ImportApi.Preview p, PlanImport row) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (p.plan().documentNumber() == null || p.plan().documentNumber().isBlank()) {
            errors.add(Problem.FieldError.of("plan.documentNumber", "the plan has no document number (文号)"));
        }
        if (p.plan().title() == null || p.plan().title().isBlank()) {
            errors.add(Problem.FieldError.of("plan.title", "the plan has no title"));
        }
        if (p.plan().year() == null) {
            errors.add(Problem.FieldError.of("plan.year", "the plan has no year"));
        } else if (!DateRange.containsYear(p.plan().year())) {
            errors.add(new Problem.FieldError("plan.year", "must be a year from " + DateRange.FIRST.getYear()
                    + " to " + DateRange.LAST.getYear(), p.plan().year()));
        }
        outOfRange("plan.issueDate", p.plan().issueDate(), errors);
        outOfRange("plan.defaultDeadline", p.plan().defaultDeadline(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Complete the plan's metadata and post the preview back", errors);
        }
        UUID duplicate = duplicateOf(p.plan().documentNumber(), row.contentSha256);
        if (duplicate != null) {
            throw new ProblemException(ProblemType.DUPLICATE_PLAN, "Plan " + p.plan().documentNumber()
                    + " exists already as " + duplicate);
        }
        List<Problem.FieldError> unresolved = new ArrayList<>();
        List<Problem.FieldError> invalid = new ArrayList<>();
        LocalDate defaultDeadline = p.plan().defaultDeadline() != null ? p.plan().defaultDeadline()
                : LocalDate.of(p.plan().year(), 12, 31);
        DeadlineContext ctx = new DeadlineContext(p.plan().year(), p.plan().issueDate(), defaultDeadline, workingDays);
        List<PlanDraft.Section> sections = new ArrayList<>();
        for (int si = 0; si < p.sections().size(); si++) {
            ImportApi.Section s = p.sections().get(si);
            List<PlanDraft.WorkItem> items = new ArrayList<>();
            for (int wi = 0; wi < s.workItems().size(); wi++) {
                ImportApi.WorkItem w = s.workItems().get(wi);
                List<PlanDraft.DraftTask> tasks = new ArrayList<>();
                for (int ti = 0; ti < w.tasks().size(); ti++) {
                    ImportApi.Task t = w.tasks().get(ti);
                    String path = "sections[" + si + "].workItems[" + wi + "].tasks[" + ti + "]";
                    // a date read from the document ("9999年底前") is held to the range of every date sent
                    if (t.deadline() != null) {
                        outOfRange(path + ".deadline.date", t.deadline().date(), invalid);
                    }
                    // the leads shown in the preview are the task's own units: one posted back naming another is refused
                    if (t.leadUnitCodes() != null) {
                        for (String lead : t.leadUnitCodes()) {
                            if (!lead.equals(t.leadUnitCode()) && (t.responsibleUnitCodes() == null
                                    || !t.responsibleUnitCodes().contains(lead))) {
                                invalid.add(new Problem.FieldError(path + ".leadUnitCodes",
                                        "every lead is the task's leadUnitCode or one of its responsibleUnitCodes", lead));
                                break;
                            }
                        }
                    }
                    if (t.unresolved() != null && !t.unresolved().isEmpty()) {
                        unresolved.add(new Problem.FieldError(path + ".unresolved",
                                "line " + t.line() + ": no known unit for "
                                        + String.join("、", t.unresolved().stream().map(ImportApi.Unresolved::text).toList()),
                                t.unitPhrase()));
                    }
                    tasks.add(draftTask(t, ctx));
                }
                items.add(new PlanDraft.WorkItem(heading(w.numbering(), w.title(), true), tasks));
            }
            sections.add(new PlanDraft.Section(heading(s.numbering(), s.title(), false), items));
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, invalid.size() + " task(s) with a deadline outside "
                    + DateRange.FIRST_TEXT + ".." + DateRange.LAST_TEXT + " or a lead that is not one of their units: "
                    + "fix them in the preview and post it back", invalid);
        }
        if (!unresolved.isEmpty()) {
            throw new ProblemException(ProblemType.UNRESOLVED_UNITS, unresolved.size()
                    + " task(s) name units that are not known: fix them in the preview (leadUnitCode, "
                    + "responsibleUnitCodes, openGroups, unresolved) and post it back", unresolved);
        }
        PlanDraft draft = new PlanDraft(p.plan().documentNumber(), p.plan().title(), p.plan().issuer(),
                p.plan().issueDate(), p.plan().year(),
                p.plan().basisDocuments() == null || p.plan().basisDocuments().isEmpty() ? null
                        : String.join("；", p.plan().basisDocuments()),
                defaultDeadline, null, null, sections, null);
        PlanDraft.Drafted plan = plans.draft(draft);
        row.state = PlanImport.State.CONFIRMED;
        row.planId = plan.planId();
        return new ImportApi.Confirmed(row.id, plan.planId(), plan.documentNumber(), plan.tasks());
    }

    private static void outOfRange(String field, LocalDate date, List<Problem.FieldError> errors) {
        if (date != null && !DateRange.contains(date)) {
            errors.add(new Problem.FieldError(field, DateRange.MESSAGE, date.toString()));
        }
    }

    /**
     * The task as the preview decided it: its deadline is the one read when the document was previewed (a
     * date from its phrase, 长期坚持, or the plan's default), never read again. Only a deadline the preview
     * could not read for want of the plan's year ({@link #YEAR_UNKNOWN}) is read now, once, with the year
     * the supervisor set.
     */
    private static PlanDraft.DraftTask draftTask(ImportApi.Task t, DeadlineContext ctx) {
        ImportApi.Deadline d = t.deadline();
        if (d != null && d.kind() == ParsedDeadline.Kind.UNRESOLVED && YEAR_UNKNOWN.equals(d.derivation())) {
            d = readDeadline(d.phrase() != null ? d.phrase() : t.text(), ctx);
        }
        LocalDate date;
        Task.DeadlineSource source;
        if (d != null && d.kind() == ParsedDeadline.Kind.DATE && d.date() != null) {
            date = d.date();
            source = d.phrase() == null ? Task.DeadlineSource.EXPLICIT : Task.DeadlineSource.PHRASE;
        } else if (d != null && d.kind() == ParsedDeadline.Kind.ONGOING) {
            date = null;
            source = Task.DeadlineSource.NONE_PERIODIC;
        } else {
            date = ctx.defaultDeadline();
            source = Task.DeadlineSource.PLAN_DEFAULT;
        }
        return new PlanDraft.DraftTask(t.text(), date, source, d == null ? null : d.phrase(), t.tags(), t.leadUnitCode(),
                t.responsibleUnitCodes(), t.openGroups(), null);
    }

    /** Why a preview left a deadline unread: the plan has no year yet. */
    static final String YEAR_UNKNOWN = "the plan's year is unknown: set plan.year and post the preview back";

    /** The one place a document's deadline is read (at preview; at confirmation only when the year came late). */
    private static ImportApi.Deadline readDeadline(String source, DeadlineContext ctx) {
        ParsedDeadline d = DeadlineParser.parse(source, ctx);
        return new ImportApi.Deadline(d.kind(), d.date(), d.phrase(), d.derivation());
    }

    private static String heading(String numbering, String title, boolean workItem) {
        String t = title == null || title.isBlank() ? "未分项" : title;
        if (numbering == null) {
            return t;
        }
        return workItem ? "（" + numbering + "）" + t : numbering + "、" + t;
    }

    private ImportApi.Task task(ParsedPlan.Task t, ParsedPlan.WorkItem w, ParsedPlan.Section s,
                                RegistryClient.PhraseResolution r, List<RegistryClient.NamedUnit> namedInText,
                                DeadlineContext ctx) {
        String lead = null;
        List<String> responsible = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<ImportApi.Unresolved> unresolved = new ArrayList<>();
        List<String> leads = new ArrayList<>();
        if (r != null) {
            lead = r.lead() == null ? null : r.lead().code();
            for (RegistryClient.UnitRef u : r.leads() == null ? List.<RegistryClient.UnitRef>of() : r.leads()) {
                if (!leads.contains(u.code())) {
                    leads.add(u.code());
                }
            }
            if (lead == null && !leads.isEmpty()) {
                lead = leads.get(0);
            }
            for (RegistryClient.UnitRef u : r.units() == null ? List.<RegistryClient.UnitRef>of() : r.units()) {
                if (!u.code().equals(lead)) {
                    responsible.add(u.code());
                }
            }
            for (RegistryClient.Mention m : r.mentions() == null ? List.<RegistryClient.Mention>of() : r.mentions()) {
                if ("OPEN_GROUP".equals(m.kind())) {
                    open.add(m.refName() != null ? m.refName() : m.text());
                } else if ("UNRESOLVED".equals(m.kind())) {
                    unresolved.add(new ImportApi.Unresolved(m.text(), m.candidates() == null ? List.of()
                            : m.candidates().stream().map(ImportApi.Candidate::of).toList()));
                }
            }
        }
        String deadlineSource = t.deadlineText() != null ? t.deadlineText() : t.text();
        ImportApi.Deadline deadline;
        if (ctx == null) {
            deadline = new ImportApi.Deadline(ParsedDeadline.Kind.UNRESOLVED, null, t.deadlineText(), YEAR_UNKNOWN);
        } else {
            deadline = readDeadline(deadlineSource, ctx);
        }
        List<ImportApi.NamedUnit> named = namedInText.stream()
                .map(f -> new ImportApi.NamedUnit(f.code(), f.text(), f.offset())).toList();
        return new ImportApi.Task(t.ordinal(), t.line(), t.text(), t.unitPhrase(), t.remark(), tags(s, w, t),
                lead, leads.size() > 1 ? leads : null, responsible, open.isEmpty() ? null : open,
                unresolved.isEmpty() ? null : unresolved, named.isEmpty() ? null : named, deadline);
    }

    /** 六稳 / 六保 named in the task or its headings become tags. */
    private static List<String> tags(ParsedPlan.Section s, ParsedPlan.WorkItem w, ParsedPlan.Task t) {
        String where = (w.title() == null ? "" : w.title()) + " " + t.text();
        List<String> tags = new ArrayList<>();
        for (String tag : List.of("六稳", "六保")) {
            if (where.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    private PlanDocuments.Read read(Upload upload) {
        PlanDocuments.Read read = documents.read(upload.bytes(), upload.contentType(), upload.fileName());
        ParsedPlan parsed = read.plan();
        if (parsed.taskCount() == 0) {
            // what the structure saw (the header and its line, the metadata found) is the detail
            ParsedPlan.Problem seen = parsed.problems().stream()
                    .filter(p -> p.kind() == ParsedPlan.Problem.Kind.NO_TASK_TABLE).findFirst().orElse(null);
            throw new ProblemException(ProblemType.NO_TASK_TABLE, seen != null ? seen.message() : "No task table found: "
                    + "expected a table whose header names the tasks (工作任务 / 具体任务 / 具体要求) and the units "
                    + "(责任单位 / 牵头及责任单位), one row per task",
                    List.of(Problem.FieldError.of("body", seen != null ? "no task table (line " + seen.line() + ")" : "no task table")));
        }
        return read;
    }

    /**
     * The registry's resolution of every phrase, the units every task text names itself (by text) and the
     * registry's city (null if it does not say): one truth for unit names, the registry's.
     */
    record Resolved(Map<String, RegistryClient.PhraseResolution> phrases, Map<String, List<RegistryClient.NamedUnit>> texts,
                    RegistryClient.City city) {
    }

    private Resolved resolve(ParsedPlan parsed) {
        List<ParsedPlan.Task> all = parsed.sections().stream().flatMap(s -> s.workItems().stream())
                .flatMap(w -> w.tasks().stream()).toList();
        List<String> phrases = all.stream().map(ParsedPlan.Task::unitPhrase)
                .filter(p -> p != null && !p.isBlank()).distinct().toList();
        List<String> texts = all.stream().map(ParsedPlan.Task::text)
                .filter(t -> t != null && !t.isBlank()).distinct().toList();
        Map<String, RegistryClient.PhraseResolution> out = new LinkedHashMap<>();
        Map<String, List<RegistryClient.NamedUnit>> named = new LinkedHashMap<>();
        RegistryClient.City city = null;
        List<List<String>> phraseBatches = batches(phrases, out);
        List<List<String>> textBatches = textBatches(texts);
        // phrases and texts travel together: a plan of up to 500 tasks is one request
        for (int i = 0; i < Math.max(phraseBatches.size(), textBatches.size()); i++) {
            List<String> batch = i < phraseBatches.size() ? phraseBatches.get(i) : List.of();
            List<String> textBatch = i < textBatches.size() ? textBatches.get(i) : List.of();
            RegistryClient.Result result;
            try {
                result = registry.resolve(new RegistryClient.Request(batch, textBatch));
            } catch (ProcessingException | WebApplicationException e) {
                throw new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                        "The unit registry could not resolve the unit phrases: " + e.getMessage());
            }
            city = city != null ? city : result.city();
            for (int j = 0; j < batch.size() && j < result.results().size(); j++) {
                out.put(batch.get(j), result.results().get(j));
            }
            List<RegistryClient.UnitsInText> found = result.texts() == null ? List.of() : result.texts();
            for (int j = 0; j < textBatch.size() && j < found.size(); j++) {
                named.put(textBatch.get(j), found.get(j).units() == null ? List.of() : found.get(j).units());
            }
        }
        return new Resolved(out, named, city);
    }

    /**
     * The one place where the plan's city is held against the registry's: null when they agree or either is
     * unknown, else what the supervisor is told. A plan of 潍坊市 resolved against Zhuhai's registry would
     * give Zhuhai's 市财政局 tasks of Weifang's — so then nothing is resolved (see {@link #elsewhere}).
     */
    static String cityMismatch(String planCity, RegistryClient.City registryCity) {
        if (planCity == null || registryCity == null || registryCity.name() == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        names.add(registryCity.name());
        if (registryCity.shortNames() != null) {
            names.addAll(registryCity.shortNames());
        }
        for (String n : names) {
            String bare = n.replaceAll("(市|县|区|自治州|州|盟|旗)$", "");
            if (!n.isBlank() && (planCity.contains(n) || (bare.length() >= 2 && planCity.contains(bare)) || n.contains(planCity))) {
                return null;
            }
        }
        return "The plan is of " + planCity + " but the unit registry is " + registryCity.name()
                + "'s: no unit phrase was resolved; import it into " + planCity + "'s Duban, or choose every unit "
                + "in the preview and post it back";
    }

    /** A phrase of a plan of another city: every mention unresolved, what the registry found only offered as candidates. */
    private static RegistryClient.PhraseResolution elsewhere(String phrase, RegistryClient.PhraseResolution r) {
        if (phrase == null) {
            return null;
        }
        List<RegistryClient.Candidate> candidates = r == null || r.units() == null ? List.of()
                : r.units().stream().limit(100).map(u -> new RegistryClient.Candidate("UNIT", u.code(), u.name(), 0.0)).toList();
        return new RegistryClient.PhraseResolution(phrase, false, false, null, List.of(), List.of(
                new RegistryClient.Mention(phrase, "UNRESOLVED", null, null, null, null, List.of(), false, candidates)), null);
    }

    /**
     * The phrases in requests the registry accepts: at most {@link #RESOLUTION_BATCH} phrases and
     * {@link #RESOLUTION_BATCH_CHARACTERS} characters each. A phrase longer than the registry
     * resolves is not sent: it is one unresolved mention in {@code unresolvable}.
     */
    static List<List<String>> batches(List<String> phrases, Map<String, RegistryClient.PhraseResolution> unresolvable) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int characters = 0;
        for (String p : phrases) {
            if (p.length() > MAX_PHRASE_LENGTH) {
                unresolvable.put(p, new RegistryClient.PhraseResolution(p, false, false, null, List.of(), List.of(
                        new RegistryClient.Mention(p.substring(0, 200) + "…", "UNRESOLVED", null, null, null, null,
                                List.of(), false, List.of())), null));
                continue;
            }
            if (!current.isEmpty() && (current.size() == RESOLUTION_BATCH
                    || characters + p.length() > RESOLUTION_BATCH_CHARACTERS)) {
                batches.add(current);
                current = new ArrayList<>();
                characters = 0;
            }
            current.add(p);
            characters += p.length();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /**
     * The task texts in requests the registry accepts: at most {@link #RESOLUTION_BATCH} texts and
     * {@link #TEXT_BATCH_CHARACTERS} characters each. A text longer than {@link #MAX_TEXT_LENGTH} is not
     * searched (no task text the readers produce is that long; such a text names no unit in the preview).
     */
    static List<List<String>> textBatches(List<String> texts) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int characters = 0;
        for (String t : texts) {
            if (t.length() > MAX_TEXT_LENGTH) {
                continue;
            }
            if (!current.isEmpty() && (current.size() == RESOLUTION_BATCH || characters + t.length() > TEXT_BATCH_CHARACTERS)) {
                batches.add(current);
                current = new ArrayList<>();
                characters = 0;
            }
            current.add(t);
            characters += t.length();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private UUID duplicateOf(String documentNumber, String sha) {
        if (documentNumber != null) {
            Plan existing = Plan.find("documentNumber", documentNumber).firstResult();
            if (existing != null) {
                return existing.id;
            }
        }
        PlanImport confirmed = PlanImport.find("contentSha256 = ?1 and state = ?2", sha, PlanImport.State.CONFIRMED).firstResult();
        return confirmed == null ? null : confirmed.planId;
    }

    /** The plan's content, not its layout: the same plan as text or .docx hashes the same. */
    static String contentSha256(ImportApi.PlanMeta meta, List<ImportApi.Section> sections) {
        StringBuilder b = new StringBuilder();
        b.append(meta.documentNumber()).append('\n').append(meta.title()).append('\n');
        for (ImportApi.Section s : sections) {
            b.append("S ").append(s.title()).append('\n');
            for (ImportApi.WorkItem w : s.workItems()) {
                b.append("W ").append(w.title()).append('\n');
                for (ImportApi.Task t : w.tasks()) {
                    b.append("T ").append(t.text()).append(" | ").append(t.unitPhrase()).append('\n');
                }
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(ImportApi.Preview p) {
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportApi.Preview read(String s) {
        try {
            return json.readValue(s, ImportApi.Preview.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.duban.registry.city;

import org.duban.registry.unit.UnitData;
import org.duban.events.unit.UnitEvents;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.registry.group.GroupApi;
import org.duban.registry.group.GroupData;
import org.duban.registry.group.GroupRule;
import org.duban.registry.group.GroupWrites;
import org.duban.registry.group.UnitGroup;
import org.duban.registry.resolution.Resolver;
import org.duban.registry.tag.Tag;
import org.duban.registry.tag.TagData;
import org.duban.registry.tag.TagWrites;
import org.duban.registry.unit.Unit;
import org.duban.registry.unit.UnitApi;
import org.duban.registry.unit.UnitWrites;
import org.duban.registry.resolution.DirectorySource;
import org.duban.registry.unit.UnitType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one way the registry changes: every write — one unit, one group, a whole city — is merged
 * into the current city, the whole prospective city is validated ({@link CityValidator}), and only
 * then written, in one transaction, with a snapshot in the outbox for every unit and group that
 * changed (a group also when its evaluated members changed). Writes are serialised by a
 * transaction-scoped advisory lock, so two writers never validate against each other's stale view.
 */
@ApplicationScoped
@Transactional
public class CityStore implements UnitWrites, GroupWrites, TagWrites, DirectorySource {

    public static final String UNITS_TOPIC = UnitEvents.UNIT_SNAPSHOT.topic();
    public static final String UNIT_SNAPSHOT = UnitEvents.UNIT_SNAPSHOT.name();
    public static final String GROUPS_TOPIC = UnitEvents.GROUP_SNAPSHOT.topic();
    public static final String GROUP_SNAPSHOT = UnitEvents.GROUP_SNAPSHOT.name();
    private static final long WRITE_LOCK = 0x6475_6261_6e02L;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** A record of a change and where the caller gave it ({@code units[3]}, {@code units row 5}, {@code body}). */
    public record Located<T>(T value, String where) {
    }

    /** A change: the city's name (or null to keep it) and records to create or replace, by code. */
    public record Change(CityApi.CityInfo city, List<Located<TagData>> tags, List<Located<UnitData>> units,
                         List<Located<GroupData>> groups) {
        public static Change ofUnits(List<Located<UnitData>> units) {
            return new Change(null, List.of(), units, List.of());
        }

        public static Change ofGroup(Located<GroupData> group) {
            return new Change(null, List.of(), List.of(), List.of(group));
        }

        public static Change ofTag(Located<TagData> tag) {
            return new Change(null, List.of(tag), List.of(), List.of());
        }
    }

    /** What a change did (or, in a dry run or when refused, would have done). */
    public record Outcome(List<Issue> issues, int created, int updated, int unchanged, int groupsRepublished) {
        public boolean ok() {
            return issues.isEmpty();
        }
    }

    /** The registry's current content as a city document (units in the city's order). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CityApi.CityDocument load() {
        City c = City.current();
        CityApi.CityInfo info = c == null ? null : new CityApi.CityInfo(c.code, c.name, List.copyOf(c.shortNames));
        List<TagData> tags = Tag.<Tag>list("order by code").stream().map(TagData::of).toList();
        List<UnitData> units = Unit.<Unit>list("order by ordinal, code").stream().map(CityStore::data).toList();
        List<GroupData> groups = UnitGroup.<UnitGroup>list("order by ordinal, code").stream().map(GroupData::of).toList();
        return new CityApi.CityDocument(info, tags, units, groups);
    }

    /** The revision every write moves on: resolution indexes rebuild when it differs from theirs. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long revision() {
        return ((Number) em.createNativeQuery("SELECT revision FROM registry_revision WHERE id = 1").getSingleResult()).longValue();
    }

    /** Applies a change, or only checks it ({@code dryRun}); nothing is written when any issue is found. */
    public Outcome apply(Change change, boolean dryRun) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, WRITE_LOCK).getSingleResult();
        CityApi.CityDocument current = load();
        List<Issue> issues = new ArrayList<>();
        Map<Object, String> where = new IdentityHashMap<>();

        Map<String, TagData> tags = merge(current.tags(), change.tags(), TagData::code, "tag", where, issues);
        Map<String, UnitData> units = merge(current.units(), change.units(), UnitData::code, "unit", where, issues);
        Map<String, GroupData> groups = merge(current.groups(), change.groups(), GroupData::code, "group", where, issues);
        CityApi.CityInfo info = change.city() != null ? change.city() : current.city();
        CityApi.CityDocument next = new CityApi.CityDocument(info, List.copyOf(tags.values()),
                List.copyOf(units.values()), List.copyOf(groups.values()));
        issues.addAll(CityValidator.validate(next, where));

        Map<String, Unit> unitEntities = new LinkedHashMap<>();
        Unit.<Unit>listAll().forEach(u -> unitEntities.put(u.code, u));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Located<UnitData> l : change.units()) {
            Unit e = unitEntities.get(l.value().code());
            if (e == null) {
                created++;
            } else if (data(e).equals(normalise(l.value()))) {
                unchanged++;
            } else {
                updated++;
            }
        }
        if (!issues.isEmpty() || dryRun) {
            return new Outcome(List.copyOf(issues), created, updated, unchanged, 0);
        }

        OffsetDateTime now = OffsetDateTime.now();
        if (change.city() != null) {
            City c = City.current();
            if (c != null && !c.code.equals(info.code())) {
                c.delete();
                em.flush();
                c = null;
            }
            if (c == null) {
                c = new City();
                c.code = info.code();
            }
            c.name = info.name();
            c.shortNames = info.shortNames() == null ? new ArrayList<>() : new ArrayList<>(info.shortNames());
            c.updatedAt = now;
            c.persist();
        }
        for (Located<TagData> l : change.tags()) {
            TagData t = l.value();
            Tag e = Tag.findById(t.code());
            if (e == null) {
                e = new Tag();
                e.code = t.code();
            }
            e.name = t.name();
            e.aliases = list(t.aliases());
            e.role = Boolean.TRUE.equals(t.role());
            e.description = t.description();
            e.persist();
        }
        int nextOrdinal = unitEntities.values().stream().mapToInt(u -> u.ordinal).max().orElse(-1) + 1;
        List<Unit> changedUnits = new ArrayList<>();
        for (Located<UnitData> l : change.units()) {
            UnitData d = l.value();
            Unit e = unitEntities.get(d.code());
            if (e != null && data(e).equals(normalise(d))) {
                continue;
            }
            if (e == null) {
                e = new Unit();
                e.code = d.code();
                e.createdAt = now;
                e.ordinal = nextOrdinal++;
                unitEntities.put(e.code, e);
            }
            copy(d, e);
            e.updatedAt = now;
            e.persist();
            changedUnits.add(e);
        }
        Map<String, UnitGroup> groupEntities = new LinkedHashMap<>();
        UnitGroup.<UnitGroup>listAll().forEach(g -> groupEntities.put(g.code, g));
        int nextGroupOrdinal = groupEntities.values().stream().mapToInt(g -> g.ordinal).max().orElse(-1) + 1;
        List<UnitGroup> changedGroups = new ArrayList<>();
        for (Located<GroupData> l : change.groups()) {
            GroupData d = l.value();
            UnitGroup e = groupEntities.get(d.code());
            if (e != null && GroupData.of(e).equals(normalise(d))) {
                continue;
            }
            if (e == null) {
                e = new UnitGroup();
                e.code = d.code();
                e.createdAt = now;
                e.ordinal = nextGroupOrdinal++;
                groupEntities.put(e.code, e);
            }
            copy(d, e);
            e.updatedAt = now;
            e.persist();
            changedGroups.add(e);
        }
        // members are evaluated on the new city; a group whose members moved is republished too
        Resolver resolver = new Resolver(next.toDirectory());
        int republished = 0;
        for (UnitGroup g : groupEntities.values()) {
            List<String> members = resolver.members(g.code);
            if (!members.equals(g.memberCodes)) {
                g.memberCodes = new ArrayList<>(members);
                g.updatedAt = now;
                if (!changedGroups.contains(g)) {
                    changedGroups.add(g);
                    republished++;
                }
            }
        }
        em.flush(); // versions are current from here on
        for (Unit u : changedUnits) {
            outbox.add(UNITS_TOPIC, u.code, UNIT_SNAPSHOT, u.code, UnitApi.snapshot(u));
        }
        for (UnitGroup g : changedGroups) {
            outbox.add(GROUPS_TOPIC, g.code, GROUP_SNAPSHOT, g.code, GroupApi.snapshot(g));
        }
        em.createNativeQuery("UPDATE registry_revision SET revision = revision + 1 WHERE id = 1").executeUpdate();
        return new Outcome(List.of(), created, updated, unchanged, republished);
    }

    /** Applies a single-record change and turns its issues into a problem: 409 for clashes, else 422. */
    public void applyOrThrow(Change change) {
        Outcome o = apply(change, false);
        if (!o.ok()) {
            throw problem(o.issues());
        }
    }

    public static ProblemException problem(List<Issue> issues) {
        boolean conflict = issues.stream().anyMatch(Issue::conflict);
        List<Problem.FieldError> errors = issues.stream()
                .map(i -> Problem.FieldError.of(i.where().equals("body") ? i.field()
                        : i.where() + (i.field() == null ? "" : "." + i.field()), i.message()))
                .toList();
        String detail = issues.stream().map(Issue::message).reduce((a, b) -> a + "; " + b).orElse("");
        return new ProblemException(conflict ? ProblemType.CONFLICT : ProblemType.UNPROCESSABLE, detail, errors);
    }

    private static <T> Map<String, T> merge(List<T> existing, List<Located<T>> changes, java.util.function.Function<T, String> code,
                                            String kind, Map<Object, String> where, List<Issue> issues) {
        Map<String, T> out = new LinkedHashMap<>();
        existing.forEach(t -> out.put(code.apply(t), t));
        Map<String, String> seen = new LinkedHashMap<>();
        for (Located<T> l : changes) {
            String c = code.apply(l.value());
            String before = c == null ? null : seen.putIfAbsent(c, l.where());
            if (before != null) {
                issues.add(new Issue(l.where(), CityValidator.shown(c), "code",
                        "duplicate " + kind + " code '" + CityValidator.shown(c) + "' (also at " + before + ")", true));
                continue;
            }
            T value = l.value() instanceof UnitData u ? (T) normalise(u)
                    : l.value() instanceof GroupData g ? (T) normalise(g) : l.value();
            where.put(value, l.where());
            out.put(c == null ? "\u0000" + l.where() : c, value);
        }
        return out;
    }

    // --- mapping between entities and data records ------------------------------------------------

    /** A unit record with empty lists instead of nulls and the type's canonical name, for comparison. */
    static UnitData normalise(UnitData u) {
        String type = UnitType.parse(u.type()).map(Enum::name).orElse(u.type());
        return new UnitData(u.code(), u.name(), blankToNull(u.shortName()), list(u.aliases()), type, u.parent(),
                list(u.tags()), list(u.contacts()), u.validFrom(), u.validTo(), list(u.predecessors()), list(u.successors()),
                u.active() == null || u.active());
    }

    static GroupData normalise(GroupData g) {
        GroupRule r = g.rule() == null ? new GroupRule(List.of(), List.of(), null) : g.rule();
        List<String> types = list(r.types()).stream().map(t -> UnitType.parse(t).map(Enum::name).orElse(t)).toList();
        return new GroupData(g.code(), g.name(), list(g.aliases()), g.kind() == null ? "RULE" : g.kind(),
                new GroupRule(types, list(r.tags()), r.parent()), list(g.members()), g.active() == null || g.active());
    }

    @Override
    public DirectorySource.Snapshot snapshot() {
        CityApi.CityDocument d = load();
        CityApi.CityInfo c = d.city();
        return new DirectorySource.Snapshot(d.toDirectory(),
                c == null ? null : new DirectorySource.RegistryCity(c.code(), c.name(), c.shortNames()));
    }

    @Override
    public void applyUnits(List<UnitWrites.Located> changes) {
        applyOrThrow(Change.ofUnits(changes.stream().map(c -> new Located<>(c.data(), c.where())).toList()));
    }

    @Override
    public void applyGroup(GroupData group) {
        applyOrThrow(Change.ofGroup(new Located<>(group, "body")));
    }

    @Override
    public void applyTag(TagData tag) {
        applyOrThrow(Change.ofTag(new Located<>(tag, "body")));
    }

    @Override
    public UnitData dataOf(Unit unit) {
        return data(unit);
    }

    public static UnitData data(Unit u) {
        return new UnitData(u.code, u.name, u.shortName, List.copyOf(u.aliases), u.type.name(), u.parentCode,
                List.copyOf(u.tags), List.copyOf(u.contacts), u.validFrom, u.validTo, List.copyOf(u.predecessors),
                List.copyOf(u.successors), u.active);
    }


    private static void copy(UnitData d, Unit e) {
        e.name = d.name();
        e.shortName = blankToNull(d.shortName());
        e.aliases = list(d.aliases());
        e.type = UnitType.parse(d.type()).orElseThrow();
        e.parentCode = d.parent();
        e.tags = list(d.tags());
        e.contacts = list(d.contacts());
        e.validFrom = d.validFrom();
        e.validTo = d.validTo();
        e.predecessors = list(d.predecessors());
        e.successors = list(d.successors());
        e.active = d.active() == null || d.active();
    }

    private static void copy(GroupData d, UnitGroup e) {
        e.name = d.name();
        e.aliases = list(d.aliases());
        e.kind = UnitGroup.Kind.valueOf(d.kind() == null ? "RULE" : d.kind());
        GroupRule r = d.rule() == null ? new GroupRule(null, null, null) : d.rule();
        e.ruleTypes = list(r.types());
        e.ruleTags = list(r.tags());
        e.ruleParent = r.parent();
        e.members = list(d.members());
        e.active = d.active() == null || d.active();
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? new ArrayList<>() : new ArrayList<>(l);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}

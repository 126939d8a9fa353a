package org.duban.registry.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class UnitService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The city's one validated write path (city.CityStore): every unit write goes through it. */
    @Inject
    UnitWrites store;

    @Inject
    EntityManager em;

    /** Filters of the unit list; null means "any". */
    public record Filter(UnitType type, String tag, String parent, Boolean active, String text) {
    }

    public Unit create(UnitApi.CreateUnit req) {
        if (Unit.findById(req.code()) != null) {
            throw ProblemException.conflict("A unit with code '" + req.code() + "' exists already");
        }
        store.applyUnits(List.of(new UnitWrites.Located(req.toData(), "body")));
        return Unit.findById(req.code());
    }

    /** Replaces a unit's state if {@code expectedVersion} is still current (else 412). */
    public Unit update(String code, UnitApi.UpdateUnit req, Long expectedVersion) {
        Unit u = find(code).orElseThrow(() -> ProblemException.notFound("No unit with code '" + code + "'"));
        checkVersion(u, expectedVersion);
        UnitData d = new UnitData(code, req.name(), req.shortName(), req.aliases(), req.type(), req.parent(),
                req.tags(), req.contacts(), req.validFrom(), req.validTo(), req.predecessors(), req.successors(),
                req.active() == null ? u.active : req.active());
        store.applyUnits(List.of(new UnitWrites.Located(d, "body")));
        return Unit.findById(code);
    }

    /** Retires a unit (never deleted: tasks keep referring to it); successors get it as predecessor. */
    public Unit deactivate(String code, UnitApi.Deactivation req, Long expectedVersion) {
        Unit u = find(code).orElseThrow(() -> ProblemException.notFound("No unit with code '" + code + "'"));
        checkVersion(u, expectedVersion);
        LocalDate validTo = req == null || req.validTo() == null ? LocalDate.now(CHINA) : req.validTo();
        List<String> successors = req == null || req.successors() == null ? List.copyOf(u.successors) : req.successors();
        List<UnitWrites.Located> changes = new ArrayList<>();
        UnitData me = store.dataOf(u);
        changes.add(new UnitWrites.Located(new UnitData(me.code(), me.name(), me.shortName(), me.aliases(), me.type(),
                me.parent(), me.tags(), me.contacts(), me.validFrom(), validTo, me.predecessors(), successors, false), "body"));
        for (int i = 0; i < successors.size(); i++) {
            Unit s = Unit.findById(successors.get(i));
            if (s == null) {
                continue; // reported by the validation
            }
            UnitData sd = store.dataOf(s);
            if (!sd.predecessors().contains(code)) {
                List<String> preds = new ArrayList<>(sd.predecessors());
                preds.add(code);
                changes.add(new UnitWrites.Located(new UnitData(sd.code(), sd.name(), sd.shortName(), sd.aliases(),
                        sd.type(), sd.parent(), sd.tags(), sd.contacts(), sd.validFrom(), sd.validTo(), preds, sd.successors(),
                        sd.active()), "successors[" + i + "]"));
            }
        }
        store.applyUnits(changes);
        return Unit.findById(code);
    }

    private static void checkVersion(Unit u, Long expected) {
        if (expected == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the version you read, as If-Match: \"" + u.version + "\" or as \"version\" in the body");
        }
        if (expected != u.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "Unit '" + u.code + "' is at version " + u.version + ", not " + expected + ": read it again");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Unit> find(String code) {
        return Unit.findByIdOptional(code);
    }

    /** Units ordered by code after {@code cursor} (the last code of the previous page), filtered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Unit> list(Filter f, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM unit WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (cursor != null && !cursor.isBlank()) {
            params.add(cursor);
            sql.append(" AND code > ?").append(params.size());
        }
        if (f.type() != null) {
            params.add(f.type().name());
            sql.append(" AND type = ?").append(params.size());
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            params.add(f.tag());
            sql.append(" AND tags @> jsonb_build_array(CAST(?").append(params.size()).append(" AS text))");
        }
        if (f.parent() != null && !f.parent().isBlank()) {
            params.add(f.parent());
            sql.append(" AND parent_code = ?").append(params.size());
        }
        if (f.active() != null) {
            params.add(f.active());
            sql.append(" AND active = ?").append(params.size());
        }
        if (f.text() != null && !f.text().isBlank()) {
            params.add("%" + f.text().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int p = params.size();
            sql.append(" AND (name ILIKE ?").append(p).append(" OR short_name ILIKE ?").append(p)
                    .append(" OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(aliases) a WHERE a ILIKE ?").append(p).append("))");
        }
        params.add(limit);
        sql.append(" ORDER BY code LIMIT ?").append(params.size());
        var q = em.createNativeQuery(sql.toString(), Unit.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q.getResultList();
    }
}

package org.duban.registry.unit;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.outbox.Outbox;
import org.duban.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class UnitService {

    public static final String UNITS_TOPIC = "duban.units";
    public static final String SNAPSHOT_EVENT = "unit.snapshot";

    @Inject
    Outbox outbox;

    public Unit create(UnitApi.CreateUnit req) {
        if (Unit.findById(req.code()) != null) {
            throw ProblemException.conflict("A unit with code '" + req.code() + "' exists already");
        }
        if (Unit.count("name", req.name()) > 0) {
            throw ProblemException.conflict("A unit named '" + req.name() + "' exists already");
        }
        Unit u = new Unit();
        u.code = req.code();
        u.name = req.name();
        u.shortName = req.shortName();
        u.type = req.type();
        u.createdAt = OffsetDateTime.now();
        u.updatedAt = u.createdAt;
        u.persistAndFlush();
        publishSnapshot(u);
        return u;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Unit> find(String code) {
        return Unit.findByIdOptional(code);
    }

    /** Units ordered by code, after {@code cursor} (the last code of the previous page). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Unit> list(String cursor, int limit) {
        if (cursor == null || cursor.isBlank()) {
            return Unit.findAll(Sort.by("code")).page(0, limit).list();
        }
        return Unit.find("code > ?1", Sort.by("code"), cursor).page(0, limit).list();
    }

    private void publishSnapshot(Unit u) {
        outbox.add(UNITS_TOPIC, u.code, SNAPSHOT_EVENT, u.code, UnitApi.UnitSnapshot.of(u));
    }
}

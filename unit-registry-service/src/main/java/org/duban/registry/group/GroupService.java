package org.duban.registry.group;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class GroupService {

    /** The city's one validated write path (city.CityStore): every group write goes through it. */
    @Inject
    GroupWrites store;

    public UnitGroup create(GroupApi.GroupRequest req) {
        if (UnitGroup.findById(req.code()) != null) {
            throw ProblemException.conflict("A group with code '" + req.code() + "' exists already");
        }
        store.applyGroup(req.toData(req.code()));
        return UnitGroup.findById(req.code());
    }

    public UnitGroup update(String code, GroupApi.GroupRequest req, Long expectedVersion) {
        UnitGroup g = find(code).orElseThrow(() -> ProblemException.notFound("No group with code '" + code + "'"));
        if (expectedVersion == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the version you read, as If-Match: \"" + g.version + "\" or as \"version\" in the body");
        }
        if (expectedVersion != g.version) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "Group '" + code + "' is at version " + g.version + ", not " + expectedVersion + ": read it again");
        }
        store.applyGroup(req.toData(code));
        return UnitGroup.findById(code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UnitGroup> find(String code) {
        return UnitGroup.findByIdOptional(code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnitGroup> list(String cursor, int limit) {
        if (cursor == null || cursor.isBlank()) {
            return UnitGroup.findAll(Sort.by("code")).page(0, limit).list();
        }
        return UnitGroup.find("code > ?1", Sort.by("code"), cursor).page(0, limit).list();
    }
}

package org.duban.registry.resolution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.registry.city.CityApi;
import org.duban.registry.city.CityStore;

import java.util.List;

/**
 * Resolves phrases against an index of the current registry. The index is rebuilt when the
 * registry's revision (bumped by every write, on any replica) differs from the one it was built at.
 */
@ApplicationScoped
public class ResolutionService {

    @Inject
    CityStore store;

    private record Built(long revision, Resolver resolver, CityApi.CityInfo city) {
    }

    private volatile Built built;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Resolver resolver() {
        return built().resolver();
    }

    private Built built() {
        long revision = store.revision();
        Built b = built;
        if (b == null || b.revision() != revision) {
            synchronized (this) {
                b = built;
                if (b == null || b.revision() != revision) {
                    // a write landing between the two reads makes the index newer than its label:
                    // harmless, the next call sees a different revision and rebuilds
                    CityApi.CityDocument city = store.load();
                    b = new Built(revision, new Resolver(city.toDirectory()), city.city());
                    built = b;
                }
            }
        }
        return b;
    }

    /**
     * The characters one request may ask to resolve: a real plan's phrases add up to a few
     * thousand (the seed's 28 to about 1,000); 1,000 phrases of 2,000 characters each would be
     * seconds of work for one call. task-service's import sends its phrases in batches under this.
     */
    public static final int MAX_TOTAL_CHARACTERS = 20_000;

    public ResolutionApi.ResolutionResult resolve(List<String> phrases) {
        long total = phrases.stream().mapToLong(String::length).sum();
        if (total > MAX_TOTAL_CHARACTERS) {
            throw new ProblemException(ProblemType.VALIDATION, "The phrases have " + total + " characters; at most "
                    + MAX_TOTAL_CHARACTERS + " are resolved in one request",
                    List.of(Problem.FieldError.of("phrases", "at most " + MAX_TOTAL_CHARACTERS + " characters in all")));
        }
        Built b = built();
        Resolver r = b.resolver();
        return new ResolutionApi.ResolutionResult(b.city(), phrases.stream().map(p -> view(r, r.resolve(p))).toList());
    }

    static ResolutionApi.PhraseResolution view(Resolver r, Resolution res) {
        List<ResolutionApi.MentionView> mentions = res.mentions().stream().map(m -> {
            String refName = null;
            if (m.ref() != null) {
                Directory.GroupEntry g = r.group(m.ref());
                Directory.UnitEntry u = r.unit(m.ref());
                refName = m.kind() == Resolution.Kind.UNIT && u != null ? u.name()
                        : g != null ? g.name() : u != null ? u.name() : null;
            }
            String roleName = m.role() == null ? null : r.tagName(m.role());
            return new ResolutionApi.MentionView(m.text(), m.kind(), m.ref(), refName, m.role(), roleName, m.unitCodes(),
                    m.lead(), m.candidates(), m.note());
        }).toList();
        ResolutionApi.UnitRef lead = res.leadUnitCode() == null ? null : ref(r, res.leadUnitCode());
        return new ResolutionApi.PhraseResolution(res.phrase(), res.complete(), res.toBeDesignated(), lead,
                res.unitCodes().stream().map(c -> ref(r, c)).toList(), mentions,
                res.leadUnitCodes().stream().map(c -> ref(r, c)).toList());
    }

    private static ResolutionApi.UnitRef ref(Resolver r, String code) {
        Directory.UnitEntry u = r.unit(code);
        return new ResolutionApi.UnitRef(code, u == null ? null : u.name(), u == null ? null : u.shortName());
    }
}

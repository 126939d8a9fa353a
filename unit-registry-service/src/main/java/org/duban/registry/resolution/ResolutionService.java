package org.duban.registry.resolution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.util.List;

/**
 * Resolves phrases against an index of the current registry. The index is rebuilt when the
 * registry's revision (bumped by every write, on any replica) differs from the one it was built at.
 */
@ApplicationScoped
public class ResolutionService {

    @Inject
    DirectorySource store;

    private record Built(long revision, Resolver resolver, ResolutionApi.City city) {
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
                    DirectorySource.Snapshot snapshot = store.snapshot();
                    DirectorySource.RegistryCity c = snapshot.city();
                    b = new Built(revision, new Resolver(snapshot.directory()),
                            c == null ? null : new ResolutionApi.City(c.code(), c.name(), c.shortNames()));
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
    /** The longest text searched for unit names (a plan's task text is at most 4,000 characters). */
    public static final int MAX_TEXT_LENGTH = 4_000;
    /**
     * The characters of texts one request may search: finding names is one hash lookup per character and
     * key length (far cheaper than resolving a phrase), so a whole plan's task texts usually fit in one request.
     */
    public static final int MAX_TOTAL_TEXT_CHARACTERS = 200_000;

    public ResolutionApi.ResolutionResult resolve(List<String> phrases) {
        return resolve(phrases, List.of());
    }

    public ResolutionApi.ResolutionResult resolve(List<String> phrases, List<String> texts) {
        List<String> ts = texts == null ? List.of() : texts;
        if (phrases.isEmpty() && ts.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Send at least one phrase (or one text)",
                    List.of(Problem.FieldError.of("phrases", "must not be empty")));
        }
        long total = phrases.stream().mapToLong(String::length).sum();
        if (total > MAX_TOTAL_CHARACTERS) {
            throw new ProblemException(ProblemType.VALIDATION, "The phrases have " + total + " characters; at most "
                    + MAX_TOTAL_CHARACTERS + " are resolved in one request",
                    List.of(Problem.FieldError.of("phrases", "at most " + MAX_TOTAL_CHARACTERS + " characters in all")));
        }
        long textTotal = ts.stream().mapToLong(String::length).sum();
        if (textTotal > MAX_TOTAL_TEXT_CHARACTERS) {
            throw new ProblemException(ProblemType.VALIDATION, "The texts have " + textTotal + " characters; at most "
                    + MAX_TOTAL_TEXT_CHARACTERS + " are searched in one request",
                    List.of(Problem.FieldError.of("texts", "at most " + MAX_TOTAL_TEXT_CHARACTERS + " characters in all")));
        }
        Built b = built();
        Resolver r = b.resolver();
        return new ResolutionApi.ResolutionResult(b.city(), phrases.stream().map(p -> view(r, r.resolve(p))).toList(),
                ts.stream().map(t -> new ResolutionApi.UnitsInTextView(r.unitsNamedIn(t).stream()
                        .map(f -> new ResolutionApi.UnitNamedInText(f.unitCode(), r.unit(f.unitCode()).name(), f.text(),
                                f.offset())).toList())).toList());
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

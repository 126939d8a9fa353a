package org.duban.task.task;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import jakarta.persistence.FlushModeType;
import org.duban.task.unit.UnitReplica;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Unit codes checked against the replica of the registry: the one place that says "no such unit". */
public final class Units {
    private Units() {
    }

    /** A unit code and where the request named it ({@code unitCodes[1]}, {@code sections[0]…leadUnitCode}). */
    public record Ref(String field, String code) {
    }

    /**
     * The replica rows of the codes, or a 422 {@link ProblemType#UNKNOWN_UNIT} naming every unknown or
     * retired code with its field.
     */
    public static Map<String, UnitReplica> requireActive(List<Ref> refs) {
        Map<String, UnitReplica> found = new HashMap<>();
        List<String> codes = refs.stream().map(Ref::code).distinct().toList();
        if (!codes.isEmpty()) {
            replicas(codes).forEach(u -> found.put(u.code, u));
        }
        check(refs, code -> {
            UnitReplica u = found.get(code);
            return u == null ? null : u.active;
        });
        return found;
    }

    /**
     * As {@link #requireActive}, for callers that need the units' names only (creating a task, publishing
     * a plan): one native query of code, name and active. No replica entity is loaded (nor checked again
     * at every flush of the transaction), and the codes travel as one array: a JPQL {@code in ?1} with a
     * list is translated to SQL again at every call (its SQL depends on the list's size), which cost more
     * than the query itself on the POST path. Returns the names by code.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> requireActiveNames(List<Ref> refs) {
        Map<String, String> names = new HashMap<>();
        Map<String, Boolean> active = new HashMap<>();
        List<String> codes = refs.stream().map(Ref::code).distinct().toList();
        if (!codes.isEmpty()) {
            List<Object[]> rows = byCodes("SELECT code, name, active FROM unit_replica", codes).getResultList();
            for (Object[] row : rows) {
                names.put((String) row[0], (String) row[1]);
                active.put((String) row[0], (Boolean) row[2]);
            }
        }
        check(refs, active::get);
        return names;
    }

    /** A PostgreSQL array literal of texts, cast to text[] in SQL. */
    static String textArray(Collection<String> xs) {
        return xs.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /** A 422 naming every unknown (active null) or retired (false) code of {@code refs} with its field. */
    private static void check(List<Ref> refs, java.util.function.Function<String, Boolean> activeOf) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Ref r : refs) {
            Boolean active = activeOf.apply(r.code());
            if (active == null) {
                if (!unknown.contains(r.code())) {
                    unknown.add(r.code());
                }
                errors.add(new Problem.FieldError(r.field(), "no such unit", shown(r.code())));
            } else if (!active) {
                if (!unknown.contains(r.code())) {
                    unknown.add(r.code());
                }
                errors.add(new Problem.FieldError(r.field(), "unit is no longer active", shown(r.code())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_UNIT,
                    "Unknown or inactive unit code(s): " + String.join(", ", unknown.stream().limit(20).map(Units::shown).toList())
                            + (unknown.size() > 20 ? " and " + (unknown.size() - 20) + " more" : ""), errors);
        }
    }

    /** A code as a problem shows it: a long one is cut (the problem names the input, it does not echo it). */
    private static String shown(String code) {
        return code.length() <= 40 ? code : code.substring(0, 40) + "…";
    }

    /** Names of the units by code (the replica keeps retired units' names); one native query, as {@link #replicas}. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (!codes.isEmpty()) {
            List<Object[]> rows = byCodes("SELECT code, name FROM unit_replica", codes).getResultList();
            rows.forEach(row -> names.put((String) row[0], (String) row[1]));
        }
        return names;
    }

    /**
     * The replica entities of the codes, by one native query of fixed SQL (a JPQL {@code code in ?1} with a
     * list is translated from HQL again at every call, see {@link #requireActiveNames}).
     */
    @SuppressWarnings("unchecked")
    static List<UnitReplica> replicas(Collection<String> codes) {
        return UnitReplica.getEntityManager()
                .createNativeQuery("SELECT * FROM unit_replica WHERE code = ANY(ARRAY(SELECT unnest(CAST(?1 AS text[]))))",
                        UnitReplica.class)
                .setParameter(1, textArray(codes))
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
    }

    /**
     * {@code select} (of unit_replica) for the rows of the codes. The replica is written by its consumer only:
     * nothing of the caller's transaction to flush before reading it.
     */
    private static jakarta.persistence.Query byCodes(String select, Collection<String> codes) {
        return UnitReplica.getEntityManager()
                .createNativeQuery(select + " WHERE code = ANY(ARRAY(SELECT unnest(CAST(?1 AS text[]))))")
                .setParameter(1, textArray(codes))
                .setFlushMode(FlushModeType.COMMIT);
    }
}

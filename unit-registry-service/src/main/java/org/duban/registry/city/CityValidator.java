package org.duban.registry.city;

import org.duban.registry.group.GroupData;
import org.duban.registry.group.GroupRule;
import org.duban.registry.tag.TagData;
import org.duban.registry.unit.UnitData;
import org.duban.registry.resolution.PhraseNormalizer;
import org.duban.registry.unit.UnitApi;
import org.duban.registry.unit.UnitType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole prospective city (what the registry would hold after a change) and reports every
 * problem, each at the place the change gave it ({@link #where}); existing, unchanged records are
 * checked too but problems between an existing and a changed record are put on the changed one.
 * Plain Java: the same rules serve single writes and the bulk import.
 */
public final class CityValidator {

    private static final Pattern CODE = Pattern.compile(UnitApi.CODE_PATTERN);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile(CityApi.PHONE_PATTERN);
    private static final Set<String> KINDS = Set.of("RULE", "LIST", "OPEN");

    private final CityApi.CityDocument city;
    /** Where each changed record came from; records absent from it are existing ones. */
    private final Map<Object, String> where;
    private final List<Issue> issues = new ArrayList<>();

    private CityValidator(CityApi.CityDocument city, Map<Object, String> where) {
        this.city = city;
        this.where = where;
    }

    public static List<Issue> validate(CityApi.CityDocument city, Map<Object, String> where) {
        CityValidator v = new CityValidator(city, where);
        v.run();
        return v.issues;
    }

    private String at(Object record, String fallback) {
        return where.getOrDefault(record, fallback);
    }

    private void add(Object record, String code, String field, String message, boolean conflict) {
        issues.add(new Issue(at(record, "existing " + code), code, field, message, conflict));
    }

    /** A value as a message quotes it: at most 40 characters, so a huge rejected value is not sent back. */
    static String shown(String value) {
        return value == null || value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private void maxLength(Object record, String code, String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(record, code, field, "at most " + max + " characters", false);
        }
    }

    private void maxLengths(Object record, String code, String field, List<String> values, int max, int count) {
        List<String> vs = nn(values);
        if (vs.size() > count) {
            add(record, code, field, "at most " + count + " entries", false);
        }
        for (int i = 0; i < vs.size(); i++) {
            if (vs.get(i) == null || vs.get(i).isBlank()) {
                add(record, code, field + "[" + i + "]", "must not be blank", false);
            } else {
                maxLength(record, code, field + "[" + i + "]", vs.get(i), max);
            }
        }
    }

    private void run() {
        CityApi.CityInfo info = city.city();
        if (info != null) {
            if (info.code() != null && !CODE.matcher(info.code()).matches()) {
                issues.add(new Issue("city", null, "code", "must be lower-case letters, digits and '-', at most 40", false));
            }
            if (info.name() != null && info.name().length() > CityApi.SHORT_NAME_MAX) {
                issues.add(new Issue("city", null, "name", "at most " + CityApi.SHORT_NAME_MAX + " characters", false));
            }
            List<String> shortNames = nn(info.shortNames());
            if (shortNames.size() > CityApi.LIST_MAX
                    || shortNames.stream().anyMatch(n -> n == null || n.isBlank() || n.length() > CityApi.SHORT_NAME_MAX)) {
                issues.add(new Issue("city", null, "shortNames", "at most " + CityApi.LIST_MAX + ", each not blank and at most "
                        + CityApi.SHORT_NAME_MAX + " characters", false));
            }
        }
        Map<String, TagData> tags = new LinkedHashMap<>();
        for (TagData t : city.tags()) {
            if (t.code() == null || !CODE.matcher(t.code()).matches()) {
                add(t, shown(t.code()), "code", "must be lower-case letters, digits and '-', at most 40", false);
            }
            if (t.name() == null || t.name().isBlank()) {
                add(t, t.code(), "name", "must not be blank", false);
            }
            maxLength(t, t.code(), "name", t.name(), CityApi.NAME_MAX);
            maxLengths(t, t.code(), "aliases", t.aliases(), CityApi.NAME_MAX, CityApi.LIST_MAX);
            maxLength(t, t.code(), "description", t.description(), CityApi.DESCRIPTION_MAX);
            tags.put(t.code(), t);
        }
        // only well-formed codes are offered (a malformed one is reported on its tag, and may be huge)
        String allowedTags = String.join(", ", tags.keySet().stream()
                .filter(t -> t != null && CODE.matcher(t).matches()).toList());

        Map<String, UnitData> units = new LinkedHashMap<>();
        for (UnitData u : city.units()) {
            units.put(u.code(), u);
        }
        for (UnitData u : city.units()) {
            String c = u.code();
            if (c == null || !CODE.matcher(c).matches()) {
                add(u, shown(c), "code", "must be lower-case letters, digits and '-', at most 40", false);
            }
            if (u.name() == null || u.name().isBlank()) {
                add(u, c, "name", "must not be blank", false);
            }
            maxLength(u, c, "name", u.name(), CityApi.NAME_MAX);
            maxLength(u, c, "shortName", u.shortName(), CityApi.SHORT_NAME_MAX);
            maxLengths(u, c, "aliases", u.aliases(), CityApi.NAME_MAX, CityApi.LIST_MAX);
            if (u.type() == null || UnitType.parse(u.type()).isEmpty()) {
                add(u, c, "type", (u.type() == null ? "missing type" : "unknown type '" + shown(u.type()) + "'")
                        + "; allowed: " + String.join(", ", UnitType.allowed()), false);
            }
            if (u.parent() != null && !units.containsKey(u.parent())) {
                add(u, c, "parent", "no unit with code '" + shown(u.parent()) + "'", false);
            }
            if (nn(u.tags()).size() > CityApi.LIST_MAX) {
                add(u, c, "tags", "at most " + CityApi.LIST_MAX + " entries", false);
            }
            for (String t : nn(u.tags())) {
                if (!tags.containsKey(t)) {
                    add(u, c, "tags", "unknown tag '" + shown(t) + "'; allowed: " + allowedTags, false);
                }
            }
            int primaries = 0;
            if (nn(u.contacts()).size() > CityApi.LIST_MAX) {
                add(u, c, "contacts", "at most " + CityApi.LIST_MAX + " entries", false);
            }
            for (int i = 0; i < nn(u.contacts()).size(); i++) {
                org.duban.registry.unit.UnitContact k = u.contacts().get(i);
                if (k == null) {
                    add(u, c, "contacts[" + i + "]", "must not be null", false);
                    continue;
                }
                if (k.name() == null || k.name().isBlank()) {
                    add(u, c, "contacts[" + i + "].name", "must not be blank", false);
                }
                maxLength(u, c, "contacts[" + i + "].name", k.name(), CityApi.CONTACT_NAME_MAX);
                maxLength(u, c, "contacts[" + i + "].phone", k.phone(), CityApi.PHONE_MAX);
                if (k.phone() != null && k.phone().length() <= CityApi.PHONE_MAX && !PHONE.matcher(k.phone()).matches()) {
                    add(u, c, "contacts[" + i + "].phone", "digits, +, -, spaces, brackets, / and 转 only", false);
                }
                if (k.email() != null && k.email().length() > CityApi.EMAIL_MAX) {
                    add(u, c, "contacts[" + i + "].email", "at most " + CityApi.EMAIL_MAX + " characters", false);
                } else if (k.email() != null && !k.email().isBlank() && !EMAIL.matcher(k.email()).matches()) {
                    add(u, c, "contacts[" + i + "].email", "not an e-mail address: " + shown(k.email()), false);
                }
                if (k.primary()) {
                    primaries++;
                }
            }
            if (primaries > 1) {
                add(u, c, "contacts", "at most one contact can be primary, " + primaries + " are", false);
            }
            if (u.validFrom() != null && u.validTo() != null && u.validTo().isBefore(u.validFrom())) {
                add(u, c, "validTo", "is before validFrom", false);
            }
            if (nn(u.predecessors()).size() > CityApi.LIST_MAX) {
                add(u, c, "predecessors", "at most " + CityApi.LIST_MAX + " entries", false);
            }
            for (String p : nn(u.predecessors())) {
                if (!units.containsKey(p)) {
                    add(u, c, "predecessors", "no unit with code '" + shown(p) + "'", false);
                }
            }
            if (nn(u.successors()).size() > CityApi.LIST_MAX) {
                add(u, c, "successors", "at most " + CityApi.LIST_MAX + " entries", false);
            }
            for (String s : nn(u.successors())) {
                if (!units.containsKey(s)) {
                    add(u, c, "successors", "no unit with code '" + shown(s) + "'", false);
                } else if (s.equals(c)) {
                    add(u, c, "successors", "a unit cannot succeed itself", false);
                }
            }
        }
        // parent cycles: report once per cycle, on a changed member if there is one
        Set<String> reported = new HashSet<>();
        for (UnitData u : city.units()) {
            List<String> path = new ArrayList<>();
            String cur = u.code();
            while (cur != null && units.containsKey(cur) && !path.contains(cur)) {
                path.add(cur);
                cur = units.get(cur).parent();
            }
            if (cur != null && cur.equals(u.code()) && reported.add(u.code())) {
                boolean changedMember = path.stream().anyMatch(p -> where.containsKey(units.get(p)));
                if (where.containsKey(u) || !changedMember) {
                    path.forEach(reported::add);
                    add(u, u.code(), "parent", "parent cycle: " + String.join(" → ", path) + " → " + u.code(), false);
                }
            }
        }

        for (GroupData g : city.groups()) {
            String c = g.code();
            if (c == null || !CODE.matcher(c).matches()) {
                add(g, shown(c), "code", "must be lower-case letters, digits and '-', at most 40", false);
            }
            if (g.name() == null || g.name().isBlank()) {
                add(g, c, "name", "must not be blank", false);
            }
            maxLength(g, c, "name", g.name(), CityApi.NAME_MAX);
            maxLengths(g, c, "aliases", g.aliases(), CityApi.NAME_MAX, CityApi.LIST_MAX);
            String kind = g.kind() == null ? "RULE" : g.kind();
            if (!KINDS.contains(kind)) {
                add(g, c, "kind", "unknown kind '" + shown(kind) + "'; allowed: RULE, LIST, OPEN", false);
            }
            GroupRule r = g.rule();
            if (r != null) {
                if (nn(r.types()).size() > CityApi.LIST_MAX || nn(r.tags()).size() > CityApi.LIST_MAX) {
                    add(g, c, "rule", "at most " + CityApi.LIST_MAX + " types and " + CityApi.LIST_MAX + " tags", false);
                }
                for (String t : nn(r.types())) {
                    if (t == null || UnitType.parse(t).isEmpty()) {
                        add(g, c, "rule.types", "unknown type '" + shown(t) + "'; allowed: " + String.join(", ", UnitType.allowed()), false);
                    }
                }
                for (String t : nn(r.tags())) {
                    if (!tags.containsKey(t)) {
                        add(g, c, "rule.tags", "unknown tag '" + shown(t) + "'; allowed: " + allowedTags, false);
                    }
                }
                if (r.parent() != null && !units.containsKey(r.parent())) {
                    add(g, c, "rule.parent", "no unit with code '" + shown(r.parent()) + "'", false);
                }
            }
            if (nn(g.members()).size() > CityApi.MEMBERS_MAX) {
                add(g, c, "members", "at most " + CityApi.MEMBERS_MAX + " entries", false);
            }
            for (String m : nn(g.members())) {
                if (!units.containsKey(m)) {
                    add(g, c, "members", "no unit with code '" + shown(m) + "'", false);
                }
            }
            if ("RULE".equals(kind) && (r == null || (nn(r.types()).isEmpty() && nn(r.tags()).isEmpty() && r.parent() == null))
                    && nn(g.members()).isEmpty()) {
                add(g, c, "rule", "a RULE group needs types, tags, a parent or members", false);
            }
        }

        checkNames();
    }

    /** Every name, short name and alias of the active units and groups means one thing only. */
    private void checkNames() {
        PhraseNormalizer n = new PhraseNormalizer(city.city() == null ? null : city.city().name(),
                city.city() == null ? List.of() : city.city().shortNames());
        record Owner(String kind, String code, Object record) {
        }
        Map<String, Owner> owners = new HashMap<>();
        List<Object> ordered = new ArrayList<>();
        // existing records claim their names first, so the clash is reported on the changed record
        for (UnitData u : city.units()) {
            if (!where.containsKey(u)) {
                ordered.add(u);
            }
        }
        for (GroupData g : city.groups()) {
            if (!where.containsKey(g)) {
                ordered.add(g);
            }
        }
        for (UnitData u : city.units()) {
            if (where.containsKey(u)) {
                ordered.add(u);
            }
        }
        for (GroupData g : city.groups()) {
            if (where.containsKey(g)) {
                ordered.add(g);
            }
        }
        for (Object o : ordered) {
            Owner me;
            List<String> names = new ArrayList<>();
            if (o instanceof UnitData u) {
                if (Boolean.FALSE.equals(u.active())) {
                    continue;
                }
                me = new Owner("unit", u.code(), u);
                names.add(u.name());
                names.add(u.shortName());
                names.addAll(nn(u.aliases()));
            } else {
                GroupData g = (GroupData) o;
                if (Boolean.FALSE.equals(g.active())) {
                    continue;
                }
                me = new Owner("group", g.code(), g);
                names.add(g.name());
                names.addAll(nn(g.aliases()));
            }
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    continue;
                }
                String key = n.key(name);
                Owner prior = owners.putIfAbsent(key, me);
                if (prior != null && !(prior.kind().equals(me.kind()) && prior.code().equals(me.code()))) {
                    add(me.record(), me.code(), o instanceof UnitData ? "name/shortName/aliases" : "name/aliases",
                            "'" + shown(name) + "' is already a name of " + prior.kind() + " " + prior.code(), true);
                }
            }
        }
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }
}

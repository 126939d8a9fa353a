package org.duban.registry.resolution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Resolves the unit phrases of a plan ("市政府办公室，各区政府（管委会）政府信息公开工作主管部门")
 * against an in-memory index of one {@link Directory}. Immutable and thread-safe: build a new one
 * when the directory changes. The grammar is described in docs/registry.md.
 */
public final class Resolver {

    /** Label before a colon that marks the lead: "牵头单位：市司法局". */
    private static final List<String> LEAD_LABELS = List.of("牵头单位", "牵头部门", "牵头");
    private static final List<String> LEAD_SUFFIXES = List.of("(牵头)", "牵头负责", "牵头");
    private static final List<String> SUPPORT_SUFFIXES = List.of("(配合)", "配合", "协助", "参与", "(参与)", "(协办)", "协办");
    private static final List<String> DROP_SUFFIXES = List.of("负责", "等");
    private static final List<String> DROP_PREFIXES = List.of("由");
    /** Joining words tried only when a segment resolves as nothing else: "市司法局会同市财政局". */
    private static final List<String> CONJUNCTIONS = List.of("会同", "及", "和", "与", "并");
    /** Segments may be joined back when a name itself contains a separator (市政府各部门、各直属机构). */
    private static final int MAX_JOIN = 4;
    private static final Pattern BRACKETED = Pattern.compile("\\([^)]*\\)");

    private final PhraseNormalizer normalizer;
    private final Map<String, Directory.UnitEntry> unitsByCode = new HashMap<>();
    private final Map<String, Directory.GroupEntry> groupsByCode = new HashMap<>();
    private final Map<String, Target> byKey = new HashMap<>();
    private final Set<String> joinHeads = new HashSet<>();
    private final List<Map.Entry<String, Directory.TagEntry>> roleKeys = new ArrayList<>();
    private final Map<String, Directory.TagEntry> tagKeys = new HashMap<>();
    private final Map<String, Directory.TagEntry> tagsByCode = new HashMap<>();
    private final Map<String, List<String>> membersByGroup = new HashMap<>();
    private final List<String> unitOrder = new ArrayList<>();
    private final List<KeyGrams> grams = new ArrayList<>();
    /**
     * No key longer than this can name anything: a unit or group key with a role or a tag beside it.
     * A longer key (the rest of a long chain of conjunctions) is only ever split, never looked up.
     */
    private final int longestNamingKey;

    /** What a key names: a unit or a group. */
    private record Target(boolean group, String code) {
    }

    private record KeyGrams(Target target, Set<String> grams) {
    }

    public Resolver(Directory directory) {
        this.normalizer = new PhraseNormalizer(directory.cityName(), directory.cityShortNames());
        for (Directory.UnitEntry u : directory.units()) {
            unitsByCode.put(u.code(), u);
            unitOrder.add(u.code());
        }
        for (Directory.GroupEntry g : directory.groups()) {
            groupsByCode.put(g.code(), g);
        }
        // inactive units first, so an active unit or a group wins a key both claim
        for (Directory.UnitEntry u : directory.units()) {
            if (!u.active()) {
                indexUnit(u);
            }
        }
        for (Directory.UnitEntry u : directory.units()) {
            if (u.active()) {
                indexUnit(u);
            }
        }
        for (Directory.GroupEntry g : directory.groups()) {
            if (!g.active()) {
                continue;
            }
            Target t = new Target(true, g.code());
            put(g.name(), t);
            g.aliases().forEach(a -> put(a, t));
            membersByGroup.put(g.code(), expand(g));
        }
        for (Directory.TagEntry tag : directory.tags()) {
            tagsByCode.put(tag.code(), tag);
            List<String> names = new ArrayList<>(tag.aliases());
            names.add(0, tag.name());
            for (String n : names) {
                String k = normalizer.key(n);
                if (k.isEmpty()) {
                    continue;
                }
                tagKeys.put(k, tag);
                if (tag.role()) {
                    roleKeys.add(Map.entry(k, tag));
                }
            }
        }
        roleKeys.sort(Comparator.comparingInt((Map.Entry<String, Directory.TagEntry> e) -> e.getKey().length()).reversed());
        byKey.forEach((k, t) -> grams.add(new KeyGrams(t, bigrams(k))));
        int longestKey = byKey.keySet().stream().mapToInt(String::length).max().orElse(0);
        int longestTag = tagKeys.keySet().stream().mapToInt(String::length).max().orElse(0);
        longestNamingKey = 1 + longestKey + Math.max(longestKey, longestTag) + 1;
    }

    private void indexUnit(Directory.UnitEntry u) {
        Target t = new Target(false, u.code());
        put(u.name(), t);
        if (u.shortName() != null) {
            put(u.shortName(), t);
        }
        u.aliases().forEach(a -> put(a, t));
    }

    private void put(String name, Target t) {
        if (name == null || name.isBlank()) {
            return;
        }
        String k = normalizer.key(name);
        if (k.isEmpty()) {
            return;
        }
        byKey.put(k, t);
        int sep = firstSeparator(k);
        if (sep > 0) {
            joinHeads.add(k.substring(0, sep));
        }
    }

    private static int firstSeparator(String k) {
        for (int i = 0; i < k.length(); i++) {
            if (isSeparator(k.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return c == '、' || c == ',' || c == ';' || c == ' ' || c == '/' || c == '|';
    }

    /** The members of a group now: active units matching its rule, then its explicit members. */
    private List<String> expand(Directory.GroupEntry g) {
        if ("OPEN".equals(g.kind())) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        boolean hasRule = "RULE".equals(g.kind())
                && (!g.types().isEmpty() || !g.tags().isEmpty() || g.parent() != null);
        if (hasRule) {
            for (String code : unitOrder) {
                Directory.UnitEntry u = unitsByCode.get(code);
                if (u.active()
                        && (g.types().isEmpty() || g.types().contains(u.type()))
                        && u.tags().containsAll(g.tags())
                        && (g.parent() == null || g.parent().equals(u.parent()))) {
                    out.add(code);
                }
            }
        }
        for (String m : g.members()) {
            Directory.UnitEntry u = unitsByCode.get(m);
            if (u != null && u.active()) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /** The current members of a group (empty for an open group or an unknown code). */
    public List<String> members(String groupCode) {
        return membersByGroup.getOrDefault(groupCode, List.of());
    }

    public Directory.UnitEntry unit(String code) {
        return unitsByCode.get(code);
    }

    public Directory.GroupEntry group(String code) {
        return groupsByCode.get(code);
    }

    public String tagName(String tagCode) {
        Directory.TagEntry t = tagsByCode.get(tagCode);
        return t == null ? null : t.name();
    }

    public String key(String name) {
        return normalizer.key(name);
    }

    // ---------------------------------------------------------------------------------------------

    /** A segment of the phrase with its markers taken off. */
    private record Segment(String text, String core, Boolean lead) {
    }

    /** The longest phrase resolved (characters); the API refuses longer ones with a 400. */
    public static final int MAX_PHRASE_LENGTH = 2000;

    public Resolution resolve(String phrase) {
        if (phrase != null && phrase.length() > MAX_PHRASE_LENGTH) {
            throw new IllegalArgumentException("a unit phrase has at most " + MAX_PHRASE_LENGTH + " characters");
        }
        List<Segment> segments = segments(phrase == null ? "" : phrase);
        List<Resolution.Mention> mentions = new ArrayList<>();
        List<Boolean> leadMarks = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            Segment s = segments.get(i);
            // a name containing a separator: try the longest run of segments first
            int used = 1;
            Resolution.Mention m = null;
            if (joinHeads.contains(normalizer.key(s.core()))) {
                for (int j = Math.min(segments.size(), i + MAX_JOIN); j > i + 1 && m == null; j--) {
                    StringBuilder joined = new StringBuilder(s.core());
                    StringBuilder text = new StringBuilder(s.text());
                    for (int x = i + 1; x < j; x++) {
                        joined.append('、').append(segments.get(x).core());
                        text.append('、').append(segments.get(x).text());
                    }
                    Target t = byKey.get(normalizer.key(joined.toString()));
                    if (t != null) {
                        m = mention(text.toString(), t, null);
                        used = j - i;
                    }
                }
            }
            if (m == null) {
                m = resolveSegment(s.text(), s.core(), true);
            }
            mentions.add(m);
            leadMarks.add(s.lead());
            i += used;
        }
        // the lead: a unit marked 牵头, else the first named unit
        int leadIndex = -1;
        for (int x = 0; x < mentions.size(); x++) {
            if (Boolean.TRUE.equals(leadMarks.get(x)) && mentions.get(x).kind() == Resolution.Kind.UNIT) {
                leadIndex = x;
                break;
            }
        }
        if (leadIndex < 0) {
            for (int x = 0; x < mentions.size(); x++) {
                if (mentions.get(x).kind() == Resolution.Kind.UNIT && !Boolean.FALSE.equals(leadMarks.get(x))) {
                    leadIndex = x;
                    break;
                }
            }
        }
        String lead = null;
        if (leadIndex >= 0) {
            Resolution.Mention m = mentions.get(leadIndex);
            mentions.set(leadIndex, new Resolution.Mention(m.text(), m.kind(), m.ref(), m.role(), m.unitCodes(), true,
                    m.candidates(), m.note()));
            lead = m.unitCodes().isEmpty() ? null : m.unitCodes().get(0);
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        boolean complete = true;
        boolean open = false;
        for (Resolution.Mention m : mentions) {
            all.addAll(m.unitCodes());
            complete &= m.kind() != Resolution.Kind.UNRESOLVED;
            open |= m.kind() == Resolution.Kind.OPEN_GROUP;
        }
        return new Resolution(phrase, List.copyOf(mentions), lead, List.copyOf(all), complete, open);
    }

    /** Splits at separators outside brackets, reads labels (牵头单位：) and markers (牵头, 配合, 等). */
    private List<Segment> segments(String phrase) {
        String p = PhraseNormalizer.basic(phrase);
        List<String> raw = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == '[' || c == '【' || c == '〔') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '】' || c == '〕') && depth > 0) {
                depth--;
            }
            if (depth == 0 && (isSeparator(c) || c == '。')) {
                raw.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        raw.add(cur.toString());
        List<Segment> out = new ArrayList<>();
        Boolean labelled = null;
        for (String r : raw) {
            String t = r.trim();
            int colon = t.indexOf(':');
            if (colon >= 0) {
                String label = t.substring(0, colon);
                labelled = LEAD_LABELS.stream().anyMatch(label::startsWith) ? Boolean.TRUE : Boolean.FALSE;
                t = t.substring(colon + 1).trim();
            }
            if (t.isEmpty()) {
                continue;
            }
            Boolean lead = labelled;
            String core = t;
            boolean changed = true;
            while (changed) {
                changed = false;
                for (String sfx : LEAD_SUFFIXES) {
                    if (core.endsWith(sfx) && core.length() > sfx.length()) {
                        core = core.substring(0, core.length() - sfx.length());
                        lead = Boolean.TRUE;
                        changed = true;
                    }
                }
                for (String sfx : SUPPORT_SUFFIXES) {
                    if (core.endsWith(sfx) && core.length() > sfx.length()) {
                        core = core.substring(0, core.length() - sfx.length());
                        lead = Boolean.FALSE;
                        changed = true;
                    }
                }
                for (String sfx : DROP_SUFFIXES) {
                    if (core.endsWith(sfx) && core.length() > sfx.length()) {
                        core = core.substring(0, core.length() - sfx.length());
                        changed = true;
                    }
                }
                for (String pfx : DROP_PREFIXES) {
                    if (core.startsWith(pfx) && core.length() > pfx.length() && !byKey.containsKey(normalizer.key(core))) {
                        core = core.substring(pfx.length());
                        changed = true;
                    }
                }
            }
            out.add(new Segment(t, core, lead));
        }
        return out;
    }

    private Resolution.Mention mention(String text, Target t, String note) {
        if (t.group()) {
            Directory.GroupEntry g = groupsByCode.get(t.code());
            if ("OPEN".equals(g.kind())) {
                return new Resolution.Mention(text, Resolution.Kind.OPEN_GROUP, g.code(), null, List.of(), false, List.of(),
                        note == null ? "to be designated" : note);
            }
            return new Resolution.Mention(text, Resolution.Kind.GROUP, g.code(), null, members(g.code()), false, List.of(), note);
        }
        Directory.UnitEntry u = unitsByCode.get(t.code());
        if (!u.active()) {
            List<String> successors = activeSuccessors(u, new HashSet<>());
            String n = (note == null ? "" : note + "; ") + u.name() + " was retired"
                    + (successors.isEmpty() ? "" : ", succeeded by " + String.join("、", names(successors)));
            if (successors.isEmpty()) {
                return new Resolution.Mention(text, Resolution.Kind.UNRESOLVED, u.code(), null, List.of(), false,
                        List.of(), n);
            }
            return new Resolution.Mention(text, Resolution.Kind.UNIT, successors.get(0), null, successors, false, List.of(), n);
        }
        return new Resolution.Mention(text, Resolution.Kind.UNIT, u.code(), null, List.of(u.code()), false, List.of(), note);
    }

    private List<String> activeSuccessors(Directory.UnitEntry u, Set<String> seen) {
        List<String> out = new ArrayList<>();
        for (String s : u.successors()) {
            Directory.UnitEntry next = unitsByCode.get(s);
            if (next == null || !seen.add(s)) {
                continue;
            }
            if (next.active()) {
                out.add(s);
            } else {
                out.addAll(activeSuccessors(next, seen));
            }
        }
        return out;
    }

    private List<String> names(Collection<String> codes) {
        return codes.stream().map(c -> unitsByCode.get(c).name()).toList();
    }

    /** One segment: exact name, role inside units, tag-qualified group, without brackets, split at a conjunction. */
    private Resolution.Mention resolveSegment(String text, String core, boolean allowConjunctions) {
        String k = normalizer.key(core);
        Resolution.Mention m = resolveKey(text, k, allowConjunctions, new HashMap<>());
        return m != null ? m
                : new Resolution.Mention(text, Resolution.Kind.UNRESOLVED, null, null, List.of(), false, candidates(k), null);
    }

    /**
     * A key as a unit, group or role, or two of them joined by a conjunction; null when it is none.
     * The right side of a conjunction is a suffix of the key and is resolved once per call
     * ({@code memo}), so a phrase of n characters costs O(n) sub-resolutions, not one per way of
     * splitting it (an alternating "甲和乙及乙和乙及…" grew 1.5 times per conjunction before).
     */
    private Resolution.Mention resolveKey(String text, String k, boolean allowConjunctions,
                                          Map<String, Optional<Resolution.Mention>> memo) {
        Resolution.Mention m = k.length() > longestNamingKey ? null : named(text, k);
        if (m != null) {
            return m;
        }
        if (!allowConjunctions) {
            return null;
        }
        for (String conj : CONJUNCTIONS) {
            int at = k.indexOf(conj);
            if (at <= 0 || at + conj.length() >= k.length()) {
                continue;
            }
            Resolution.Mention left = resolveKey(text, k.substring(0, at), false, memo);
            if (left == null || left.kind() == Resolution.Kind.UNRESOLVED || left.kind() == Resolution.Kind.OPEN_GROUP) {
                continue;
            }
            String rest = k.substring(at + conj.length());
            Optional<Resolution.Mention> known = memo.get(rest);
            if (known == null) {
                known = Optional.ofNullable(resolveKey(text, rest, true, memo));
                memo.put(rest, known);
            }
            Resolution.Mention right = known.orElse(null);
            if (right != null && right.kind() != Resolution.Kind.UNRESOLVED && right.kind() != Resolution.Kind.OPEN_GROUP) {
                LinkedHashSet<String> units = new LinkedHashSet<>(left.unitCodes());
                units.addAll(right.unitCodes());
                return new Resolution.Mention(text, Resolution.Kind.GROUP, null, null, List.copyOf(units), false, List.of(),
                        "joined by " + conj + ": " + left.ref() + " + " + right.ref());
            }
        }
        return null;
    }

    /** The key as a name: exact, without a bracketed remark, or with 市 added; null when none. */
    private Resolution.Mention named(String text, String k) {
        Resolution.Mention m = direct(text, k);
        if (m != null) {
            return m;
        }
        // without a bracketed remark: 市发展改革局（市粮食局）
        if (k.indexOf('(') >= 0) {
            String unbracketed = BRACKETED.matcher(k).replaceAll("");
            if (!unbracketed.equals(k) && !unbracketed.isEmpty()) {
                m = direct(text, unbracketed);
                if (m != null) {
                    return m;
                }
            }
        }
        // the short form without 市: 司法局 → 市司法局
        if (!k.startsWith("市")) {
            Target t = byKey.get("市" + k);
            if (t != null) {
                return mention(text, t, null);
            }
        }
        return null;
    }

    /** Exact key, role suffix, or "<tag>的<group>". */
    private Resolution.Mention direct(String text, String k) {
        Target t = byKey.get(k);
        if (t != null) {
            return mention(text, t, null);
        }
        for (Map.Entry<String, Directory.TagEntry> role : roleKeys) {
            if (!k.endsWith(role.getKey())) {
                continue;
            }
            String holder = k.substring(0, k.length() - role.getKey().length());
            if (holder.endsWith("的")) {
                holder = holder.substring(0, holder.length() - 1);
            }
            Directory.TagEntry tag = role.getValue();
            if (holder.isEmpty()) {
                // the bare role: the units that carry it
                List<String> units = unitOrder.stream()
                        .filter(c -> unitsByCode.get(c).active() && unitsByCode.get(c).tags().contains(tag.code())).toList();
                return new Resolution.Mention(text, units.isEmpty() ? Resolution.Kind.UNRESOLVED : Resolution.Kind.ROLE,
                        null, tag.code(), units, false, List.of(), units.isEmpty() ? "no unit carries " + tag.name() : null);
            }
            Target h = byKey.get(holder);
            if (h == null) {
                continue;
            }
            Resolution.Mention base = mention(text, h, null);
            if (base.kind() == Resolution.Kind.UNRESOLVED || base.kind() == Resolution.Kind.OPEN_GROUP) {
                continue;
            }
            return new Resolution.Mention(text, Resolution.Kind.ROLE, h.code(), tag.code(), base.unitCodes(), false,
                    List.of(), tag.name() + " within each unit");
        }
        int de = k.indexOf('的');
        if (de > 0 && de < k.length() - 1) {
            Directory.TagEntry tag = tagKeys.get(k.substring(0, de));
            Target g = byKey.get(k.substring(de + 1));
            if (tag != null && g != null) {
                Resolution.Mention base = mention(text, g, null);
                if (base.kind() == Resolution.Kind.GROUP || base.kind() == Resolution.Kind.UNIT) {
                    List<String> units = base.unitCodes().stream()
                            .filter(c -> unitsByCode.get(c).tags().contains(tag.code())).toList();
                    if (units.isEmpty()) {
                        return new Resolution.Mention(text, Resolution.Kind.OPEN_GROUP, g.code(), null, List.of(), false,
                                List.of(), "to be designated: no unit of the group carries " + tag.name());
                    }
                    return new Resolution.Mention(text, Resolution.Kind.GROUP, g.code(), null, units, false, List.of(),
                            "members carrying " + tag.name());
                }
            }
        }
        return null;
    }

    /** The closest units and groups by character-bigram similarity (Dice), best first. */
    private List<Resolution.Candidate> candidates(String k) {
        Set<String> mine = bigrams(k);
        Map<Target, Double> best = new LinkedHashMap<>();
        for (KeyGrams kg : grams) {
            double score = dice(mine, kg.grams());
            if (score > 0) {
                best.merge(kg.target(), score, Math::max);
            }
        }
        return best.entrySet().stream()
                .filter(e -> e.getValue() >= 0.3)
                .sorted(Map.Entry.<Target, Double>comparingByValue().reversed())
                .limit(3)
                .map(e -> {
                    Target t = e.getKey();
                    String name = t.group() ? groupsByCode.get(t.code()).name() : unitsByCode.get(t.code()).name();
                    return new Resolution.Candidate(t.group() ? "GROUP" : "UNIT", t.code(), name,
                            Math.round(e.getValue() * 100) / 100.0);
                })
                .toList();
    }

    static Set<String> bigrams(String s) {
        Set<String> out = new HashSet<>();
        if (s.length() == 1) {
            out.add(s);
        }
        for (int i = 0; i + 1 < s.length(); i++) {
            out.add(s.substring(i, i + 2));
        }
        return out;
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String g : a) {
            if (b.contains(g)) {
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }
}

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
    /** Labels of supporting units: "配合单位：市司法局". Any other label (责任单位：) marks nothing. */
    private static final List<String> SUPPORT_LABELS = List.of("配合", "协办", "协助", "参与");
    /** A marker after a name, and what it says about the names it ends (see {@link Mark}). */
    private static final List<Map.Entry<String, Mark>> SUFFIXES = byLengthDescending(Map.ofEntries(
            Map.entry("(牵头)", Mark.LEAD), Map.entry("(牵头单位)", Mark.LEAD), Map.entry("牵头", Mark.LEAD),
            Map.entry("(配合)", Mark.SUPPORT), Map.entry("配合", Mark.SUPPORT), Map.entry("协助", Mark.SUPPORT),
            Map.entry("参与", Mark.SUPPORT), Map.entry("(参与)", Mark.SUPPORT), Map.entry("(协办)", Mark.SUPPORT),
            Map.entry("协办", Mark.SUPPORT), Map.entry("协同", Mark.SUPPORT),
            // "X、Y分别牵头落实", "X、Y共同牵头": the marker is every listed unit's, even across a comma
            Map.entry("分别", Mark.EACH), Map.entry("共同", Mark.EACH), Map.entry("各自", Mark.EACH),
            Map.entry("负责", Mark.NONE), Map.entry("落实", Mark.NONE), Map.entry("等", Mark.NONE), Map.entry("具体", Mark.NONE),
            Map.entry("按职责分工", Mark.NONE), Map.entry("按照职责分工", Mark.NONE), Map.entry("根据职责分工", Mark.NONE),
            Map.entry("按职责", Mark.NONE), Map.entry("按照职责", Mark.NONE), Map.entry("根据职责", Mark.NONE),
            Map.entry("按各自职责", Mark.NONE), Map.entry("按职能", Mark.NONE), Map.entry("分工", Mark.NONE),
            Map.entry("各司其职", Mark.NONE), Map.entry("办理", Mark.NONE), Map.entry("承办", Mark.NONE),
            Map.entry("组织实施", Mark.NONE), Map.entry("实施", Mark.NONE)));
    private static final List<String> DROP_PREFIXES = List.of("以及", "由", "请", "并");
    /** Where a duty follows the name: "区政务服务数据管理局做好技术支持和指导". */
    private static final List<String> DUTY_VERBS = List.of("做好", "负责", "抓好", "加强", "指导", "督促", "组织", "开展", "推进");
    /** The last character of most unit names: a segment ending so is a name, not a duty. */
    private static final String UNIT_ENDINGS = "部局委办室处科所院会站队行司厅署中心组馆团社";
    /** Joining words between two names of one segment, the second possibly an open group. */
    private static final List<String> SEGMENT_CONJUNCTIONS = List.of("会同", "以及", "联合", "及", "和", "与", "并");
    /** A cell left empty on purpose: "责任单位：——", "无", "/". */
    private static final Pattern PLACEHOLDER = Pattern.compile("[-—–_/\\.…·*无]*");
    /**
     * A general phrase that names no one ("各有关部门", "相关单位", "其他有关单位", "区政府有关部门", "各地各部门"): to be
     * designated, like an open group, when the city has no group of that name.
     */
    private static final Pattern GENERAL_OPEN = Pattern.compile(
            "(各)?([市区县]直?|[市区县]政府|[市区县]级)?(各|其他|其它|其余)?(有关|相关)(的)?([市区县]直|[市区县]政府|[市区县]级)?"
                    + "(部门|单位|方面|机构)([和及与、]?(部门|单位|机构))?"
                    // "各地各部门", "各级各有关部门", "各地区、各部门": everybody, as provincial documents say it
                    + "|(各地区?|各地方|各级)[和及与、]?(各|各有关|各相关|有关|相关)?(部门|单位|机构)?([和及与、]?各?(部门|单位))?"
                    + "|各(部门|单位|机构)([和及与、]?各?(部门|单位))?");
    /** What follows 等 without naming anyone: "市司法局、市财政局等部门". */
    private static final Set<String> BARE_NOUNS = Set.of("部门", "单位", "机构", "部门和单位", "单位和部门", "部门单位", "单位部门");
    /** The last character of a place's name: its level (珠海市 → 市, 临朐县 → 县, 钢城区 → 区). */
    private static final String LEVELS = "市县区州旗盟";

    /** What a marker after a name says. */
    private enum Mark {
        LEAD, SUPPORT, NONE,
        /** 分别, 共同: the next marker is every listed unit's */
        EACH
    }

    private static List<Map.Entry<String, Mark>> byLengthDescending(Map<String, Mark> m) {
        List<Map.Entry<String, Mark>> out = new ArrayList<>(m.entrySet());
        out.sort(Comparator.comparingInt((Map.Entry<String, Mark> e) -> e.getKey().length()).reversed()
                .thenComparing(Map.Entry::getKey));
        return List.copyOf(out);
    }

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
    /** The units a free text names (a task's text): the same keys, the same normaliser. */
    private final UnitsInText unitsInText;

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
        Map<String, String> unitKeys = new HashMap<>();
        byKey.forEach((k, t) -> {
            if (!t.group() && unitsByCode.get(t.code()).active()) {
                unitKeys.put(k, t.code());
            }
        });
        unitsInText = new UnitsInText(unitKeys, normalizer.cityName(), normalizer.level());
    }

    /** The active units a free text names itself, in the order written (see {@link UnitsInText}). */
    public List<UnitsInText.Found> unitsNamedIn(String text) {
        return unitsInText.find(text);
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

    /**
     * A segment of the phrase with its markers taken off. {@code lead}: TRUE marked 牵头 (by a suffix, by
     * propagation or by a label), FALSE marked as supporting, null unmarked. {@code listed}: joined to the
     * previous segment by 、 (a marker at the end of a list is every listed name's).
     */
    private record Segment(String text, String core, Boolean lead, boolean listed) {
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
                m = resolveOrNull(s.text(), s.core(), true);
            }
            if (m == null) {
                List<Resolution.Mention> parts = rescue(s.text(), s.core());
                if (parts != null) {
                    for (Resolution.Mention part : parts) {
                        mentions.add(part);
                        leadMarks.add(s.lead());
                    }
                    i += used;
                    continue;
                }
                m = unresolved(s.text(), s.core());
            }
            mentions.add(m);
            leadMarks.add(s.lead());
            i += used;
        }
        // the leads: every mention marked 牵头 (all of "X、Y分别牵头落实"); when none is marked, the first
        // named unit not marked as supporting. A marked lead that names nothing known leaves no lead.
        List<Integer> leadIndexes = new ArrayList<>();
        for (int x = 0; x < mentions.size(); x++) {
            if (Boolean.TRUE.equals(leadMarks.get(x))) {
                leadIndexes.add(x);
            }
        }
        if (leadIndexes.isEmpty()) {
            for (int x = 0; x < mentions.size(); x++) {
                if (mentions.get(x).kind() == Resolution.Kind.UNIT && !Boolean.FALSE.equals(leadMarks.get(x))) {
                    leadIndexes.add(x);
                    break;
                }
            }
        }
        LinkedHashSet<String> leads = new LinkedHashSet<>();
        for (int x : leadIndexes) {
            Resolution.Mention m = mentions.get(x);
            if (m.unitCodes().isEmpty()) {
                continue;
            }
            mentions.set(x, new Resolution.Mention(m.text(), m.kind(), m.ref(), m.role(), m.unitCodes(), true,
                    m.candidates(), m.note()));
            leads.addAll(m.unitCodes());
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        boolean complete = true;
        boolean open = false;
        for (Resolution.Mention m : mentions) {
            all.addAll(m.unitCodes());
            complete &= m.kind() != Resolution.Kind.UNRESOLVED;
            open |= m.kind() == Resolution.Kind.OPEN_GROUP;
        }
        List<String> leadCodes = List.copyOf(leads);
        return new Resolution(phrase, List.copyOf(mentions), leadCodes.isEmpty() ? null : leadCodes.get(0), List.copyOf(all),
                complete, open, leadCodes);
    }

    /**
     * A segment that is no name as a whole, read as the names it starts with: "区政务服务数据管理局做好技术支持"
     * (a duty after the name), "区司法局等有关部门" (the unit, then the group after 等; before a bare noun,
     * "市财政局等部门", 等 only closes the list), "区政府办会同各有关单位" (two names joined by a conjunction,
     * the second possibly an open group). Null when the segment is none of these.
     */
    private List<Resolution.Mention> rescue(String text, String core) {
        int duty = -1;
        // a name ending like a unit (市委组织部, 市重点项目推进中心) is an unknown unit, not a duty after 市委
        boolean unitLike = UNIT_ENDINGS.indexOf(core.charAt(core.length() - 1)) >= 0;
        for (String verb : unitLike ? List.<String>of() : DUTY_VERBS) {
            int at = core.indexOf(verb);
            if (at > 0 && (duty < 0 || at < duty)) {
                duty = at;
            }
        }
        if (duty > 0) {
            String name = core.substring(0, duty);
            Resolution.Mention m = resolveOrNull(text, name, true);
            if (m != null) {
                return List.of(m);
            }
            List<Resolution.Mention> parts = twoNames(text, name);
            if (parts != null) {
                return parts;
            }
        }
        return twoNames(text, core);
    }

    private List<Resolution.Mention> twoNames(String text, String core) {
        int at = core.lastIndexOf('等');
        if (at > 0 && at < core.length() - 1) {
            String left = core.substring(0, at);
            String right = core.substring(at + 1);
            Resolution.Mention named = resolveOrNull(left, left, true);
            if (named != null) {
                if (BARE_NOUNS.contains(normalizer.key(right))) {
                    return List.of(named);
                }
                Resolution.Mention rest = resolveOrNull(right, right, true);
                if (rest != null) {
                    return List.of(named, rest);
                }
            }
        }
        for (String conj : SEGMENT_CONJUNCTIONS) {
            int c = core.indexOf(conj);
            if (c <= 0 || c + conj.length() >= core.length()) {
                continue;
            }
            String left = core.substring(0, c);
            String right = core.substring(c + conj.length());
            Resolution.Mention l = resolveOrNull(left, left, true);
            Resolution.Mention r = l == null ? null : resolveOrNull(right, right, true);
            if (r != null) {
                return List.of(l, r);
            }
        }
        return null;
    }

    /** Splits at separators outside brackets, reads labels (牵头单位：) and markers (牵头, 配合, 分别牵头落实, 等). */
    private List<Segment> segments(String phrase) {
        String p = PhraseNormalizer.basic(phrase);
        List<String> raw = new ArrayList<>();
        List<Boolean> listed = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean afterList = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == '[' || c == '【' || c == '〔') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '】' || c == '〕') && depth > 0) {
                depth--;
            }
            if (depth == 0 && (isSeparator(c) || c == '。')) {
                raw.add(cur.toString());
                listed.add(afterList);
                afterList = c == '、';
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        raw.add(cur.toString());
        listed.add(afterList);
        // each raw segment: its label, its own marker, its core
        int n = raw.size();
        String[] texts = new String[n];
        String[] cores = new String[n];
        Boolean[] labels = new Boolean[n];
        Mark[] marks = new Mark[n];
        boolean[] each = new boolean[n];
        boolean[] labelStart = new boolean[n];
        Boolean labelled = null;
        for (int x = 0; x < n; x++) {
            String t = raw.get(x).trim();
            int colon = t.indexOf(':');
            if (colon >= 0) {
                String label = t.substring(0, colon);
                labelled = label.contains("及") || label.contains("和") ? null
                        : LEAD_LABELS.stream().anyMatch(label::startsWith) ? Boolean.TRUE
                        : SUPPORT_LABELS.stream().anyMatch(label::startsWith) ? Boolean.FALSE : null;
                labelStart[x] = true;
                t = t.substring(colon + 1).trim();
            }
            texts[x] = t;
            labels[x] = labelled;
            String core = t;
            Mark mark = null;
            boolean changed = true;
            while (changed && !core.isEmpty() && !byKey.containsKey(normalizer.key(core))) {
                changed = false;
                for (Map.Entry<String, Mark> sfx : SUFFIXES) {
                    if (core.endsWith(sfx.getKey())) {
                        core = core.substring(0, core.length() - sfx.getKey().length()).trim();
                        switch (sfx.getValue()) {
                            case LEAD, SUPPORT -> mark = mark == null ? sfx.getValue() : mark;
                            case EACH -> each[x] = true;
                            case NONE -> {
                            }
                        }
                        changed = true;
                        break;
                    }
                }
                for (String pfx : DROP_PREFIXES) {
                    if (core.startsWith(pfx) && core.length() > pfx.length() && !byKey.containsKey(normalizer.key(core))) {
                        core = core.substring(pfx.length());
                        changed = true;
                    }
                }
            }
            cores[x] = PLACEHOLDER.matcher(core).matches() ? "" : core;
            marks[x] = mark;
        }
        // a marker at the end of a list is every listed name's: "X、Y牵头，Z配合"; after 分别/共同 it
        // reaches back across commas too ("X，Y分别牵头落实"), up to a name with its own marker or a label
        Boolean[] lead = new Boolean[n];
        for (int x = 0; x < n; x++) {
            lead[x] = marks[x] == Mark.LEAD ? Boolean.TRUE : marks[x] == Mark.SUPPORT ? Boolean.FALSE : null;
        }
        for (int x = n - 1; x >= 0; x--) {
            if (lead[x] == null || marks[x] == null) {
                continue;
            }
            for (int y = x - 1; y >= 0 && marks[y] == null && lead[y] == null; y--) {
                if (!listed.get(y + 1) && !each[x] || labelStart[y + 1]) {
                    break;
                }
                lead[y] = lead[x];
            }
        }
        List<Segment> out = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            if (cores[x].isEmpty()) {
                continue;
            }
            out.add(new Segment(texts[x], cores[x], lead[x] != null ? lead[x] : labels[x], listed.get(x)));
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
    /** A segment as a unit, group, role or general phrase; null when it is none (no candidates are sought). */
    private Resolution.Mention resolveOrNull(String text, String core, boolean allowConjunctions) {
        String k = normalizer.key(core);
        Resolution.Mention m = resolveKey(text, k, allowConjunctions, new HashMap<>());
        if (m != null) {
            return m;
        }
        if (GENERAL_OPEN.matcher(k).matches()) {
            return new Resolution.Mention(text, Resolution.Kind.OPEN_GROUP, null, null, List.of(), false, List.of(),
                    "a general phrase naming no unit: to be designated");
        }
        return null;
    }

    private Resolution.Mention unresolved(String text, String core) {
        String k = normalizer.key(core);
        return new Resolution.Mention(text, Resolution.Kind.UNRESOLVED, null, null, List.of(), false, candidates(k),
                anotherPlace(k));
    }

    /**
     * Why an unresolved key is not this city's unit when it names another place's unit of the same
     * short name ("潍坊市财政局", "临朐县财政局", "潍坊财政局" against 珠海市): a note, never a match.
     */
    private String anotherPlace(String k) {
        for (int len = Math.min(k.length() - 1, 8); len >= 2; len--) {
            String place = k.substring(0, len);
            if (len > 2 && LEVELS.indexOf(place.charAt(len - 1)) < 0) {
                continue;
            }
            String rest = k.substring(len);
            if (!isCjk(place) || byKey.containsKey(place)) {
                continue;
            }
            Resolution.Mention same = named(rest, rest);
            if (same != null && same.kind() == Resolution.Kind.UNIT) {
                return "names a unit of " + place + ", which this registry"
                        + (normalizer.cityName() == null ? "" : " (" + normalizer.cityName() + ")")
                        + " does not hold: never taken for its own " + rest;
            }
        }
        return null;
    }

    private static boolean isCjk(String s) {
        return s.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
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
        // the short form without the city's level: 司法局 → 市司法局 (县司法局 in a county's registry)
        String level = normalizer.level();
        if (!k.startsWith(level)) {
            Target t = byKey.get(level + k);
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

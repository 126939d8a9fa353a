package org.duban.registry.city;

import org.duban.registry.group.GroupData;
import org.duban.registry.group.GroupRule;
import org.duban.registry.tag.TagData;
import org.duban.registry.unit.UnitData;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.duban.registry.unit.UnitContact;
import org.duban.registry.unit.UnitType;

import org.duban.common.input.ControlCharacters;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.csv.CsvCells;
import org.duban.common.time.DateRange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The city's CSV sheets (UTF-8, Chinese headers, one sheet per section: units, groups, tags).
 * Lists inside a cell are separated by {@code |}; a contact is {@code 姓名/电话/邮箱}, the primary
 * one marked with a leading {@code *}. Export starts with a UTF-8 BOM so Excel shows Chinese.
 * Row numbers count the header as row 1, as a spreadsheet shows them.
 */
public final class CityCsv {
    private CityCsv() {
    }

    public static final List<String> UNIT_HEADERS = List.of("编码", "全称", "简称", "别名", "类型", "上级", "标签", "联络员",
            "生效日期", "失效日期", "前身", "继任", "状态");
    public static final List<String> GROUP_HEADERS = List.of("编码", "名称", "别名", "方式", "类型", "标签", "上级", "成员", "状态");
    public static final List<String> TAG_HEADERS = List.of("编码", "名称", "别名", "角色", "说明");

    private static final CsvMapper CSV = new CsvMapper();
    private static final String ACTIVE = "有效";
    private static final String EMPTY = "The sheet is empty: its first row is the header (the columns are in docs/registry.md)";
    private static final String INACTIVE = "撤销";

    /** Rows read from a sheet, each with its place ({@code units row 5}), and the problems found reading them. */
    public record Parsed<T>(List<CityStore.Located<T>> rows, List<Issue> issues) {
    }

    /** One row being read: collects problems of its cells. */
    private static final class Row {
        final Map<String, String> cells;
        final String where;
        final List<Issue> issues;

        Row(Map<String, String> cells, String where, List<Issue> issues) {
            this.cells = cells;
            this.where = where;
            this.issues = issues;
        }

        String get(String header) {
            String v = cells.get(header);
            // a sheet exported here has its formula-like cells defused: read them back as they were
            return v == null || v.isBlank() ? null : CsvCells.restored(v.trim());
        }

        List<String> list(String header) {
            String v = get(header);
            if (v == null) {
                return List.of();
            }
            return Arrays.stream(v.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        LocalDate date(String header) {
            String v = get(header);
            if (v == null) {
                return null;
            }
            try {
                LocalDate d = LocalDate.parse(v);
                if (!DateRange.contains(d)) {
                    issues.add(new Issue(where, get("编码"), header, DateRange.MESSAGE + ": " + v, false));
                    return null;
                }
                return d;
            } catch (DateTimeParseException e) {
                issues.add(new Issue(where, get("编码"), header, "not a date (YYYY-MM-DD): " + v, false));
                return null;
            }
        }

        Boolean active() {
            String v = get("状态");
            if (v == null || v.equals(ACTIVE) || v.equalsIgnoreCase("true") || v.equals("是")) {
                return true;
            }
            if (v.equals(INACTIVE) || v.equalsIgnoreCase("false") || v.equals("否") || v.equals("无效")) {
                return false;
            }
            issues.add(new Issue(where, get("编码"), "状态", "unknown status '" + v + "'; allowed: 有效, 撤销", false));
            return true;
        }
    }

    /**
     * The sheet's text, strictly UTF-8 (a sheet saved in another encoding would otherwise be read as
     * garbled names); an empty sheet is refused too.
     */
    public static String utf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.EMPTY_DOCUMENT, EMPTY);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            if (text.replace("\uFEFF", "").isBlank()) {
                throw new ProblemException(ProblemType.EMPTY_DOCUMENT, EMPTY);
            }
            int at = ControlCharacters.firstIn(text);
            if (at >= 0) {
                // as in every string of a JSON body: NUL and the like are not text (and PostgreSQL cannot store NUL)
                long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                throw new ProblemException(ProblemType.VALIDATION, "Line " + line + " of the sheet "
                        + ControlCharacters.message(text, at).replaceFirst(" at position \\d+", ""),
                        List.of(Problem.FieldError.of("body", "line " + line + ": control character")));
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.UNREADABLE_DOCUMENT,
                    "The sheet is not UTF-8 text: save it as \"CSV UTF-8\" (Excel: 另存为 → CSV UTF-8)", List.of());
        }
    }

    private static <T> Parsed<T> read(String text, String section, List<String> headers, Function<Row, T> row) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Issue> issues = new ArrayList<>();
        List<CityStore.Located<T>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            int n = 1;
            boolean checkedHeader = false;
            while (it.hasNextValue()) {
                Map<String, String> cells = it.nextValue();
                n++;
                if (!checkedHeader) {
                    checkedHeader = true;
                    for (String h : cells.keySet()) {
                        if (!headers.contains(h)) {
                            issues.add(new Issue(section + " row 1", null, h,
                                    "unknown column '" + h + "'; the columns are " + String.join(",", headers), false));
                        }
                    }
                }
                if (cells.values().stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                Row r = new Row(cells, section + " row " + n, issues);
                rows.add(new CityStore.Located<>(row.apply(r), r.where));
            }
        } catch (IOException | RuntimeException e) {
            issues.add(new Issue(section, null, null, "not a readable CSV sheet: " + e.getMessage(), false));
        }
        return new Parsed<>(rows, issues);
    }

    public static Parsed<UnitData> readUnits(String text) {
        return read(text, "units", UNIT_HEADERS, r -> new UnitData(r.get("编码"), r.get("全称"), r.get("简称"),
                r.list("别名"), r.get("类型"), r.get("上级"), r.list("标签"), contacts(r), r.date("生效日期"), r.date("失效日期"),
                r.list("前身"), r.list("继任"), r.active()));
    }

    public static Parsed<GroupData> readGroups(String text) {
        return read(text, "groups", GROUP_HEADERS, r -> {
            String kind = r.get("方式");
            kind = kind == null ? "RULE" : switch (kind) {
                case "规则" -> "RULE";
                case "名单" -> "LIST";
                case "待定", "开放" -> "OPEN";
                default -> kind.toUpperCase();
            };
            return new GroupData(r.get("编码"), r.get("名称"), r.list("别名"), kind,
                    new GroupRule(r.list("类型"), r.list("标签"), r.get("上级")), r.list("成员"), r.active());
        });
    }

    public static Parsed<TagData> readTags(String text) {
        return read(text, "tags", TAG_HEADERS, r -> {
            String role = r.get("角色");
            return new TagData(r.get("编码"), r.get("名称"), r.list("别名"),
                    role != null && (role.equals("是") || role.equalsIgnoreCase("true")), r.get("说明"));
        });
    }

    private static List<UnitContact> contacts(Row r) {
        List<UnitContact> out = new ArrayList<>();
        for (String c : r.list("联络员")) {
            boolean primary = c.startsWith("*");
            String[] parts = (primary ? c.substring(1) : c).split("/", -1);
            if (parts.length > 3) {
                r.issues.add(new Issue(r.where, r.get("编码"), "联络员", "a contact is 姓名/电话/邮箱: " + c, false));
                continue;
            }
            out.add(new UnitContact(parts[0].trim(), parts.length > 1 ? blank(parts[1]) : null,
                    parts.length > 2 ? blank(parts[2]) : null, primary));
        }
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // --- export ---------------------------------------------------------------------------------

    private static String write(List<String> headers, List<Map<String, String>> rows) {
        CsvSchema.Builder b = CsvSchema.builder();
        headers.forEach(b::addColumn);
        // names and aliases are free text: a cell must not run as a formula when the sheet is opened
        List<Map<String, String>> safe = rows.stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            r.forEach((k, v) -> m.put(k, v == null ? null : CsvCells.defused(v)));
            return m;
        }).toList();
        try {
            return "\uFEFF" + CSV.writer(b.build().withHeader()).writeValueAsString(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<String> l) {
        return l == null ? "" : String.join("|", l);
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }

    public static String writeUnits(List<UnitData> units) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (UnitData u : units) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("编码", u.code());
            m.put("全称", u.name());
            m.put("简称", s(u.shortName()));
            m.put("别名", join(u.aliases()));
            m.put("类型", UnitType.parse(u.type()).map(t -> t.label).orElse(s(u.type())));
            m.put("上级", s(u.parent()));
            m.put("标签", join(u.tags()));
            m.put("联络员", join(u.contacts() == null ? List.of() : u.contacts().stream()
                    .map(c -> (c.primary() ? "*" : "") + s(c.name()) + "/" + s(c.phone()) + "/" + s(c.email())).toList()));
            m.put("生效日期", s(u.validFrom()));
            m.put("失效日期", s(u.validTo()));
            m.put("前身", join(u.predecessors()));
            m.put("继任", join(u.successors()));
            m.put("状态", Boolean.FALSE.equals(u.active()) ? INACTIVE : ACTIVE);
            rows.add(m);
        }
        return write(UNIT_HEADERS, rows);
    }

    public static String writeGroups(List<GroupData> groups) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (GroupData g : groups) {
            GroupRule r = g.rule() == null ? new GroupRule(null, null, null) : g.rule();
            Map<String, String> m = new LinkedHashMap<>();
            m.put("编码", g.code());
            m.put("名称", g.name());
            m.put("别名", join(g.aliases()));
            m.put("方式", switch (g.kind() == null ? "RULE" : g.kind()) {
                case "LIST" -> "名单";
                case "OPEN" -> "待定";
                default -> "规则";
            });
            m.put("类型", join(r.types() == null ? List.of()
                    : r.types().stream().map(t -> UnitType.parse(t).map(x -> x.label).orElse(t)).toList()));
            m.put("标签", join(r.tags()));
            m.put("上级", s(r.parent()));
            m.put("成员", join(g.members()));
            m.put("状态", Boolean.FALSE.equals(g.active()) ? INACTIVE : ACTIVE);
            rows.add(m);
        }
        return write(GROUP_HEADERS, rows);
    }

    public static String writeTags(List<TagData> tags) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (TagData t : tags) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("编码", t.code());
            m.put("名称", t.name());
            m.put("别名", join(t.aliases()));
            m.put("角色", Boolean.TRUE.equals(t.role()) ? "是" : "否");
            m.put("说明", s(t.description()));
            rows.add(m);
        }
        return write(TAG_HEADERS, rows);
    }
}

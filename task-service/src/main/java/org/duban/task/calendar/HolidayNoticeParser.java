package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of 国务院办公厅关于20XX年部分节假日安排的通知 as published (copied from gov.cn or a
 * newspaper page) into a {@link HolidayNotice}. Pure Java.
 * <p>
 * What it reads: the year from the title (…关于2024年部分节假日安排的通知) or the preamble (现将2024年元旦、…);
 * the numbered items "一、元旦：…" of the seven festivals (several joined by 、 as in 国庆节、中秋节); in
 * an item, the first sentence's days off ("1月1日放假", "2月10日至17日放假调休", "1月1日（周三）放假1天",
 * "2022年12月31日至2023年1月2日放假调休", "1月2日（星期一）补休") and the following sentences' working days
 * ("2月4日（星期日）、2月18日（星期日）上班"); the item ends at the first sentence that says neither, so a
 * closing remark or the dateline is never read as days. A notice that extends a holiday
 * (关于延长2020年春节假期的通知: 延长2020年春节假期至2月2日) may follow the yearly notice in the same text.
 * <p>
 * Tolerated: full-width or ASCII punctuation and digits, any whitespace and line breaks (a web page's
 * copy), the month or year left out of a later date ("至17日"), weekdays and lunar dates in brackets.
 * Checked: every date exists and lies in the notice's year (a December day of 元旦 in the year
 * before too), a range does not run backwards, a bracketed weekday matches its date, "共N天" matches
 * the days given, a 调休上班 day is a weekend day, no day is given twice. Every problem names its line.
 */
public final class HolidayNoticeParser {

    /** The longest text read: a notice is about 1,000 characters, a pasted web page a few thousand. */
    public static final int MAX_CHARS = 20_000;
    /** A holiday longer than this is a typo, not a holiday (the longest so far: 10 days, 2020). */
    static final int MAX_RANGE_DAYS = 31;
    /** At most this many problems are reported; the first ones name the way. */
    static final int MAX_PROBLEMS = 20;

    static final String FESTIVAL = "元旦|春节|清明节|劳动节|端午节|中秋节|国庆节";
    private static final Pattern TITLE = Pattern.compile("关于(\\d{4})年部分节假日安排的通知");
    private static final Pattern PREAMBLE = Pattern.compile("现将(\\d{4})年(?:" + FESTIVAL + ")");
    private static final Pattern HEADING = Pattern.compile(
            "([一二三四五六七八九十]{1,3})、((?:" + FESTIVAL + ")(?:、(?:" + FESTIVAL + "))*):");
    private static final Pattern DATE = Pattern.compile("(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日");
    private static final Pattern COUNT = Pattern.compile("(?:共|放假)(\\d{1,3})天");
    private static final Pattern WEEKDAY = Pattern.compile("(?:星期|周)([一二三四五六日天])");
    private static final Pattern EXTENSION = Pattern.compile(
            "延长(\\d{4})年(" + FESTIVAL + ")假期至(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日(\\([^()]*\\))?");
    private static final Pattern RANGE_WORD = Pattern.compile("[至到~\\-—–]");

    /** One thing wrong with the text, at a line (1-based), with the words concerned. */
    public record Problem(int line, String message, String fragment) {
    }

    /** The text is not a notice that can be read; nothing was taken from it. */
    public static final class Invalid extends RuntimeException {
        private final transient List<Problem> problems;
        private final boolean tooLong;

        Invalid(List<Problem> problems, boolean tooLong) {
            super(problems.isEmpty() ? "invalid notice" : "line " + problems.get(0).line() + ": " + problems.get(0).message());
            this.problems = List.copyOf(problems);
            this.tooLong = tooLong;
        }

        public List<Problem> problems() {
            return problems;
        }

        /** True when the text is longer than {@link #MAX_CHARS} (it was not read at all). */
        public boolean tooLong() {
            return tooLong;
        }
    }

    private HolidayNoticeParser() {
    }

    public static HolidayNotice parse(String text) {
        if (text != null && text.length() > MAX_CHARS) {
            throw new Invalid(List.of(new Problem(1, "the text has " + text.length() + " characters; a notice has at most "
                    + MAX_CHARS, null)), true);
        }
        if (text == null || text.isBlank()) {
            throw new Invalid(List.of(new Problem(1, "the text is empty: paste the notice 国务院办公厅关于20XX年部分节假日安排的通知", null)), false);
        }
        return new Reader(text).read();
    }

    /** One parse: the normalized text with the original line of every character, and the problems found. */
    private static final class Reader {
        final String s;
        final int[] lines;
        final List<Problem> problems = new ArrayList<>();
        int year;

        Reader(String text) {
            StringBuilder b = new StringBuilder(text.length());
            int[] ls = new int[text.length() * 2 + 1];
            int line = 1;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int len = Character.charCount(cp);
                if (cp == '\n' || (cp == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                }
                // full-width digits, letters and punctuation become ASCII (：→:, （→(, ，→,); 、 and 。 stay
                String n = Normalizer.normalize(text.substring(i, i + len), Normalizer.Form.NFKC);
                for (int k = 0; k < n.length(); k++) {
                    char c = n.charAt(k);
                    if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B') {
                        continue; // a copied page breaks lines anywhere; Chinese needs no spaces
                    }
                    if (b.length() + 1 >= ls.length) {
                        ls = java.util.Arrays.copyOf(ls, ls.length * 2);
                    }
                    ls[b.length()] = line;
                    b.append(c);
                }
                i += len;
            }
            ls[b.length()] = line;
            this.s = b.toString();
            this.lines = ls;
        }

        int lineAt(int offset) {
            return lines[Math.max(0, Math.min(offset, s.length()))];
        }

        void problem(int offset, String message, String fragment) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(lineAt(offset), message, fragment));
            }
        }

        HolidayNotice read() {
            String title = readYear();
            if (year == 0) {
                throw new Invalid(problems, false);
            }
            Matcher h = HEADING.matcher(s);
            List<int[]> heads = new ArrayList<>(); // start, end of each heading
            List<String> names = new ArrayList<>();
            while (h.find()) {
                heads.add(new int[]{h.start(), h.end()});
                names.add(h.group(2));
            }
            if (heads.isEmpty()) {
                problem(0, "no festival items: a notice lists them as 一、元旦：… 二、春节：…", null);
                throw new Invalid(problems, false);
            }
            Map<String, Item> items = new LinkedHashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < heads.size(); i++) {
                String name = names.get(i);
                int start = heads.get(i)[0];
                for (String f : name.split("、")) {
                    if (!seen.add(f)) {
                        problem(start, f + " has two items", name);
                    }
                }
                int end = i + 1 < heads.size() ? heads.get(i + 1)[0] : s.length();
                Item item = new Item(name, lineAt(start));
                readItem(item, heads.get(i)[1], end);
                items.put(name, item);
            }
            readExtensions(items);
            List<HolidayNotice.Day> days = check(items);
            if (!problems.isEmpty()) {
                throw new Invalid(problems, false);
            }
            List<HolidayNotice.Festival> festivals = items.values().stream()
                    .map(it -> new HolidayNotice.Festival(it.name, it.line,
                            List.copyOf(new java.util.TreeSet<>(it.holidays.keySet())),
                            List.copyOf(new java.util.TreeSet<>(it.workdays.keySet()))))
                    .toList();
            return new HolidayNotice(year, title, festivals, days);
        }

        /** The year from the title or the preamble; both must agree, and one notice year only. */
        String readYear() {
            Set<Integer> titled = new LinkedHashSet<>();
            Matcher t = TITLE.matcher(s);
            int titleAt = -1;
            while (t.find()) {
                if (titled.add(Integer.parseInt(t.group(1))) && titleAt < 0) {
                    titleAt = t.start();
                }
            }
            Matcher p = PREAMBLE.matcher(s);
            Integer preamble = null;
            int preambleAt = 0;
            if (p.find()) {
                preamble = Integer.parseInt(p.group(1));
                preambleAt = p.start();
            }
            if (titled.size() > 1) {
                problem(0, "the text holds the notices of several years " + titled + ": paste one year's notice", null);
                return null;
            }
            Integer y = titled.isEmpty() ? preamble : titled.iterator().next();
            if (y == null) {
                problem(0, "no year: the title 国务院办公厅关于20XX年部分节假日安排的通知 (or the sentence 现将20XX年元旦、…) is missing", null);
                return null;
            }
            if (preamble != null && !preamble.equals(y)) {
                problem(preambleAt, "the title gives the year " + y + " but the text says 现将" + preamble + "年", null);
                return null;
            }
            if (y < 2000 || y > 2100) {
                problem(Math.max(titleAt, 0), "the year " + y + " is outside 2000..2100", String.valueOf(y));
                return null;
            }
            year = y;
            return "国务院办公厅关于" + y + "年部分节假日安排的通知";
        }

        /** The sentences of one item: the first gives the days off, the next ones the days worked. */
        void readItem(Item item, int from, int to) {
            int start = from;
            boolean first = true;
            while (start < to) {
                int dot = s.indexOf('。', start);
                int end = dot < 0 || dot >= to ? to : dot;
                String sentence = s.substring(start, end);
                boolean says = sentence.contains("放假") || sentence.contains("补休") || sentence.contains("上班");
                if (first && !sentence.contains("放假") && !sentence.contains("补休")) {
                    problem(start, item.name + ": the item gives no days off (…放假)", cut(sentence));
                    return;
                }
                if (!first && !says) {
                    return; // a remark (鼓励…) or the end of the notice: the item is over
                }
                readSentence(item, start, end);
                first = false;
                start = end + 1;
            }
        }

        void readSentence(Item item, int from, int to) {
            Context ctx = new Context();
            int holidaysBefore = item.holidays.size();
            Integer count = null;
            int countAt = from;
            for (int[] c : clauses(from, to)) {
                String clause = s.substring(c[0], c[1]);
                Matcher cm = COUNT.matcher(clause);
                if (cm.find()) {
                    count = Integer.parseInt(cm.group(1));
                    countAt = c[0] + cm.start();
                }
                int k;
                DayKind kind;
                if ((k = clause.indexOf("上班")) >= 0) {
                    kind = DayKind.WORKDAY;
                } else if ((k = clause.indexOf("放假")) >= 0 || (k = clause.indexOf("补休")) >= 0) {
                    kind = DayKind.HOLIDAY;
                } else {
                    continue; // 与周末连休, 共3天, 不调休 …
                }
                List<LocalDate> dates = dates(item, c[0], c[0] + k, ctx);
                if (dates.isEmpty()) {
                    problem(c[0], item.name + ": no date before " + (kind == DayKind.WORKDAY ? "上班" : "放假"), cut(clause));
                }
                for (LocalDate d : dates) {
                    Map<LocalDate, Integer> target = kind == DayKind.HOLIDAY ? item.holidays : item.workdays;
                    if (target.putIfAbsent(d, c[0]) != null) {
                        problem(c[0], item.name + ": " + d + " is given twice", cut(clause));
                    }
                }
            }
            int given = item.holidays.size() - holidaysBefore;
            if (count != null && given > 0 && count != given) {
                problem(countAt, item.name + ": the notice says 共" + count + "天 but its dates give " + given + " days off",
                        cut(s.substring(from, to)));
            }
        }

        /** The clauses of a sentence: split at commas and semicolons outside brackets. */
        List<int[]> clauses(int from, int to) {
            List<int[]> out = new ArrayList<>();
            int depth = 0;
            int start = from;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '(' || c == '[' || c == '【') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '】') && depth > 0) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ';')) {
                    out.add(new int[]{start, i});
                    start = i + 1;
                }
            }
            out.add(new int[]{start, to});
            return out;
        }

        /** The year and month a date without them takes: those of the date before it in the sentence. */
        final class Context {
            Integer year;
            Integer month;
        }

        /** The dates of s[from, to): single dates, lists (、) and ranges (至), with bracketed notes checked. */
        List<LocalDate> dates(Item item, int from, int to, Context ctx) {
            List<LocalDate> out = new ArrayList<>();
            LocalDate previous = null;
            int previousEnd = -1;
            boolean previousExplicitYear = false;
            int i = from;
            while (i < to) {
                char c = s.charAt(i);
                if (c == '(') { // a note not right after a date: skip it
                    int close = s.indexOf(')', i);
                    i = close < 0 || close >= to ? to : close + 1;
                    continue;
                }
                Matcher m = DATE.matcher(s).region(i, to);
                if (!m.lookingAt()) {
                    i++;
                    continue;
                }
                int at = m.start();
                int end = m.end();
                String note = null;
                if (end < to && s.charAt(end) == '(') {
                    int close = s.indexOf(')', end);
                    if (close > 0 && close < to) {
                        note = s.substring(end + 1, close);
                        end = close + 1;
                    }
                }
                boolean explicitYear = m.group(1) != null;
                LocalDate d = date(item, m, at, ctx);
                if (d != null) {
                    checkWeekday(item, d, note, at);
                }
                boolean range = previous != null && RANGE_WORD.matcher(s.substring(previousEnd, at)).find();
                if (range && d != null) {
                    LocalDate a = previous;
                    if (d.isBefore(a) && !explicitYear && !previousExplicitYear
                            && a.getMonthValue() == 12 && d.getMonthValue() == 1 && a.getYear() == d.getYear()) {
                        a = a.minusYears(1); // 12月31日至1月2日: 元旦 across the turn of the year
                        out.set(out.size() - 1, a);
                    }
                    if (d.isBefore(a)) {
                        problem(at, item.name + ": the range " + a + " to " + d + " runs backwards", cut(s.substring(previousEnd, end)));
                    } else if (ChronoUnit.DAYS.between(a, d) + 1 > MAX_RANGE_DAYS) {
                        problem(at, item.name + ": the range " + a + " to " + d + " is longer than " + MAX_RANGE_DAYS + " days", null);
                    } else {
                        for (LocalDate x = a.plusDays(1); !x.isAfter(d); x = x.plusDays(1)) {
                            out.add(x);
                        }
                    }
                } else if (d != null) {
                    out.add(d);
                }
                previous = d;
                previousEnd = end;
                previousExplicitYear = explicitYear;
                i = end;
            }
            return out;
        }

        LocalDate date(Item item, Matcher m, int at, Context ctx) {
            if (m.group(1) != null) {
                ctx.year = Integer.parseInt(m.group(1));
            }
            if (m.group(2) != null) {
                ctx.month = Integer.parseInt(m.group(2));
            }
            if (ctx.month == null) {
                problem(at, item.name + ": " + m.group() + " has no month", m.group());
                return null;
            }
            int y = ctx.year == null ? year : ctx.year;
            try {
                return LocalDate.of(y, ctx.month, Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                problem(at, item.name + ": " + y + "年" + ctx.month + "月" + m.group(3) + "日 is not a date", m.group());
                return null;
            }
        }

        void checkWeekday(Item item, LocalDate d, String note, int at) {
            if (note == null) {
                return;
            }
            Matcher w = WEEKDAY.matcher(note);
            if (w.find()) {
                DayOfWeek said = switch (w.group(1)) {
                    case "一" -> DayOfWeek.MONDAY;
                    case "二" -> DayOfWeek.TUESDAY;
                    case "三" -> DayOfWeek.WEDNESDAY;
                    case "四" -> DayOfWeek.THURSDAY;
                    case "五" -> DayOfWeek.FRIDAY;
                    case "六" -> DayOfWeek.SATURDAY;
                    default -> DayOfWeek.SUNDAY;
                };
                if (said != d.getDayOfWeek()) {
                    problem(at, item.name + ": " + d + " is a " + d.getDayOfWeek() + ", not " + w.group()
                            + " as the notice says (is the year right?)", note);
                }
            }
        }

        /** 延长2020年春节假期至2月2日: the festival's days off run on to that day; days worked inside are off. */
        void readExtensions(Map<String, Item> items) {
            Matcher m = EXTENSION.matcher(s);
            while (m.find()) {
                int at = m.start();
                String festival = m.group(2);
                Item item = items.values().stream().filter(it -> List.of(it.name.split("、")).contains(festival))
                        .findFirst().orElse(null);
                if (Integer.parseInt(m.group(1)) != year || item == null || item.holidays.isEmpty()) {
                    problem(at, "the extension of " + m.group(1) + "年" + festival + " has no " + festival
                            + " item of the " + year + " notice to extend", cut(m.group()));
                    continue;
                }
                if (m.group(4) == null) {
                    problem(at, festival + ": the extension's date has no month", cut(m.group()));
                    continue;
                }
                LocalDate to;
                try {
                    to = LocalDate.of(m.group(3) == null ? year : Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
                } catch (DateTimeException e) {
                    problem(at, festival + ": the extension's date is not a date", cut(m.group()));
                    continue;
                }
                checkWeekday(item, to, m.group(6) == null ? null : m.group(6).substring(1, m.group(6).length() - 1), at);
                LocalDate last = item.holidays.keySet().stream().max(Comparator.naturalOrder()).orElseThrow();
                if (!to.isAfter(last) || ChronoUnit.DAYS.between(last, to) > MAX_RANGE_DAYS) {
                    problem(at, festival + ": the extension to " + to + " does not lengthen the days off ending " + last, cut(m.group()));
                    continue;
                }
                for (LocalDate d = last.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                    item.holidays.put(d, at);
                    for (Item other : items.values()) {
                        other.workdays.remove(d); // a working day inside the extended holiday is off now
                    }
                }
            }
        }

        /** Every day once, in the notice's year, days worked on weekends; the days in date order. */
        List<HolidayNotice.Day> check(Map<String, Item> items) {
            TreeMap<LocalDate, HolidayNotice.Day> days = new TreeMap<>();
            for (Item item : items.values()) {
                for (Map.Entry<LocalDate, Integer> e : item.holidays.entrySet()) {
                    add(days, new HolidayNotice.Day(e.getKey(), DayKind.HOLIDAY, item.name), e.getValue());
                }
                for (Map.Entry<LocalDate, Integer> e : item.workdays.entrySet()) {
                    LocalDate d = e.getKey();
                    add(days, new HolidayNotice.Day(d, DayKind.WORKDAY, HolidayNotice.workdayName(item.name)), e.getValue());
                    if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        problem(e.getValue(), item.name + ": " + d + " (" + d.getDayOfWeek()
                                + ") is a weekday, so it cannot be a weekend day worked (调休上班)", d.toString());
                    }
                }
            }
            return List.copyOf(days.values());
        }

        void add(TreeMap<LocalDate, HolidayNotice.Day> days, HolidayNotice.Day day, int at) {
            if (HolidayNotice.noticeYearOf(day.date(), day.name()) != year) {
                problem(at, day.name() + ": " + day.date() + " is not in the notice's year " + year, day.date().toString());
                return;
            }
            HolidayNotice.Day before = days.putIfAbsent(day.date(), day);
            if (before != null) {
                problem(at, day.date() + " is given twice: " + before.name() + " and " + day.name(), day.date().toString());
            }
        }

        String cut(String x) {
            return x.length() <= 60 ? x : x.substring(0, 60) + "…";
        }
    }

    /** An item while it is read: dates → the offset that gave them (for the line of a later problem). */
    private static final class Item {
        final String name;
        final int line;
        final Map<LocalDate, Integer> holidays = new TreeMap<>();
        final Map<LocalDate, Integer> workdays = new TreeMap<>();

        Item(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }
}

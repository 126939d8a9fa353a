package org.duban.task.deadline;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the deadline phrases that plans use (2020年底前, 6月底前, 9月30日前, 年内, 上半年, 第三季度,
 * 本方案印发后30个工作日内, 长期坚持 …) out of a task's text, with ASCII, full-width or Chinese numerals.
 * Pure: the plan's year, issue date, default deadline and working-day calendar come in a
 * {@link DeadlineContext}.
 *
 * <p>Which phrase wins when a text has several: the first phrase that gives a date (or needs the
 * issue date); an ongoing phrase (持续推进) only when the text has no dated phrase, since
 * "持续推进…，2020年底前完成…" does have a deadline. No phrase at all: the plan's default.
 */
public final class DeadlineParser {

    private DeadlineParser() {
    }

    private static final String YEAR = "(\\d{4}|[〇○零一二三四五六七八九]{4})";
    private static final String MONTH = "(?<![\\d十])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
    private static final String DAY = "(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])";
    private static final String BEFORE = "(?:之前|以前|前)?";
    private static final String NUMBER = "(\\d+|[一二三四五六七八九十百两〇零]+)";

    private record Rule(Pattern pattern, BiFunction<Matcher, DeadlineContext, ParsedDeadline> read) {
    }

    private static Rule rule(String regex, BiFunction<Matcher, DeadlineContext, ParsedDeadline> read) {
        return new Rule(Pattern.compile(regex), read);
    }

    private static final List<Rule> RULES = List.of(
            // 2020年10月31日前, 10月31日前, 截至9月30日, 6月30日之前, 9月30日止
            rule("(?:" + YEAR + "年)?" + MONTH + "月" + DAY + "[日号](?:之前|以前|前|为止|止)", (m, c) -> {
                int y = year(m.group(1), c);
                return date(m, LocalDate.of(y, num(m.group(2)), num(m.group(3))),
                        m.group(1) == null ? "that day of the plan's year " + y : "the date as written");
            }),
            rule("(?:截至|截止|截止到|于)(?:" + YEAR + "年)?" + MONTH + "月" + DAY + "[日号]", (m, c) -> {
                int y = year(m.group(1), c);
                return date(m, LocalDate.of(y, num(m.group(2)), num(m.group(3))),
                        m.group(1) == null ? "that day of the plan's year " + y : "the date as written");
            }),
            // 2020年6月底前, 6月底前, 十月底前, 6月末
            rule("(?:" + YEAR + "年)?" + MONTH + "月(?:底|末|份?内)" + BEFORE, (m, c) -> {
                int y = year(m.group(1), c);
                return date(m, YearMonth.of(y, num(m.group(2))).atEndOfMonth(), "last day of that month of " + y);
            }),
            // 2020年底前, 2020年末, 2020年内
            rule(YEAR + "年(?:底|末|内)" + BEFORE, (m, c) -> {
                int y = year(m.group(1), c);
                return date(m, LocalDate.of(y, 12, 31), "year end of " + y);
            }),
            // 年底前, 今年底, 明年年底, 年末, 年内, 今年内 (not 三年内: a duration)
            rule("(?:(今年|本年|当年|明年)年?(?:底|末|内)|(?<![\\d〇○零一二三四五六七八九十两几多])(?:年底|年末|年内))" + BEFORE, (m, c) -> {
                int y = "明年".equals(m.group(1)) ? c.planYear() + 1 : c.planYear();
                return date(m, LocalDate.of(y, 12, 31), "year end of " + (m.group(1) == null ? "the plan's year " : "") + y);
            }),
            // 2020年上半年, 上半年 -> 06-30; 下半年 -> 12-31
            rule("(?:" + YEAR + "年)?([上下])半年" + BEFORE, (m, c) -> {
                int y = year(m.group(1), c);
                boolean first = "上".equals(m.group(2));
                return date(m, first ? LocalDate.of(y, 6, 30) : LocalDate.of(y, 12, 31),
                        (first ? "end of the first half of " : "year end (second half) of ") + y);
            }),
            // 第三季度, 三季度末, 2020年第一季度前, 第3季度
            rule("(?:" + YEAR + "年)?第?([一二三四1-4])季度(?:末|底)?" + BEFORE, (m, c) -> {
                int y = year(m.group(1), c);
                int q = num(m.group(2));
                return date(m, YearMonth.of(y, q * 3).atEndOfMonth(), "end of quarter " + q + " of " + y);
            }),
            // 本方案印发后30个工作日内, 印发之日起15个工作日内, 印发后10日内
            rule("(?:本方案|本通知|本文件|方案|通知)?印发(?:后|之日起)" + NUMBER + "个?(工作日|日|天)内", (m, c) -> {
                int n = num(m.group(1));
                boolean working = "工作日".equals(m.group(2));
                if (c.issuedOn() == null || (working && c.workingDays() == null)) {
                    return new ParsedDeadline(ParsedDeadline.Kind.UNRESOLVED, null, m.group(), m.start(), m.end(),
                            n + (working ? " working" : "") + " days after the plan is issued; the issue date is not known yet");
                }
                LocalDate d = working ? c.workingDays().addWorkingDays(c.issuedOn(), n) : c.issuedOn().plusDays(n);
                return date(m, d, n + (working ? " working" : " calendar") + " days after the plan was issued on " + c.issuedOn());
            }));

    private static final Pattern ONGOING = Pattern.compile(
            "长期坚持|持续推进|持续开展|长期开展|常态化推进|长期(?=[，。；、,.;\\s）)]|$)");

    /** The deadline of a text: its first dated phrase, else an ongoing phrase, else the plan's default. */
    public static ParsedDeadline parse(String text, DeadlineContext context) {
        String t = normalise(text == null ? "" : text);
        ParsedDeadline best = null;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(t);
            while (m.find()) {
                ParsedDeadline p;
                try {
                    p = r.read().apply(m, context);
                } catch (DateTimeException | NumberFormatException e) {
                    continue; // 2月30日 or a numeral we cannot read: not a deadline
                }
                if (best == null || p.start() < best.start()
                        || (p.start() == best.start() && p.end() > best.end())) {
                    best = p;
                }
                break; // the first match of this rule; later ones of the same rule start later
            }
        }
        if (best != null) {
            return withOriginalPhrase(best, text);
        }
        Matcher m = ONGOING.matcher(t);
        if (m.find()) {
            return new ParsedDeadline(ParsedDeadline.Kind.ONGOING, null, text.substring(m.start(), m.end()),
                    m.start(), m.end(), "no deadline: ongoing work, reported periodically");
        }
        return new ParsedDeadline(ParsedDeadline.Kind.PLAN_DEFAULT, context.defaultDeadline(), null, -1, -1,
                "no deadline phrase: the plan's default deadline");
    }

    /** Every deadline phrase of a text, in order (for reviewing an import). */
    public static List<ParsedDeadline> findAll(String text, DeadlineContext context) {
        List<ParsedDeadline> all = new ArrayList<>();
        String rest = text;
        int offset = 0;
        while (true) {
            ParsedDeadline p = parse(rest, context);
            if (p.start() < 0) {
                return all;
            }
            all.add(new ParsedDeadline(p.kind(), p.date(), p.phrase(), p.start() + offset, p.end() + offset, p.derivation()));
            offset += p.end();
            rest = rest.substring(p.end());
        }
    }

    private static ParsedDeadline date(Matcher m, LocalDate date, String derivation) {
        return new ParsedDeadline(ParsedDeadline.Kind.DATE, date, m.group(), m.start(), m.end(), derivation);
    }

    private static ParsedDeadline withOriginalPhrase(ParsedDeadline p, String original) {
        return new ParsedDeadline(p.kind(), p.date(), original.substring(p.start(), p.end()), p.start(), p.end(),
                p.derivation());
    }

    private static int year(String written, DeadlineContext c) {
        return written == null ? c.planYear() : num(written);
    }

    /** Full-width digits to ASCII, one char for one char, so positions stay those of the original. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch >= '０' && ch <= '９' ? (char) ('0' + (ch - '０')) : ch);
        }
        return b.toString();
    }

    /** ASCII digits, digit-by-digit Chinese years (二〇二〇) and Chinese numbers up to 999 (三十, 十一, 一百二十). */
    static int num(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        if (s.length() == 4 && s.indexOf('十') < 0 && s.indexOf('百') < 0) {
            int v = 0;
            for (char ch : s.toCharArray()) {
                v = v * 10 + digit(ch);
            }
            return v;
        }
        int total = 0;
        int current = 0;
        for (char ch : s.toCharArray()) {
            if (ch == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else if (ch == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else {
                current = digit(ch);
            }
        }
        return total + current;
    }

    private static int digit(char ch) {
        return switch (ch) {
            case '〇', '○', '零' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            case '1', '2', '3', '4' -> ch - '0';
            default -> throw new NumberFormatException("not a Chinese numeral: " + ch);
        };
    }
}

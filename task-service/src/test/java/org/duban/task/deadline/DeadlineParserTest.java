package org.duban.task.deadline;

import org.duban.task.calendar.CalendarData;
import org.duban.common.calendar.WorkingDayCalendar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineParserTest {

    static final WorkingDayCalendar CALENDAR = CalendarData.shippedCalendar();
    // 珠府办〔2020〕9号 was issued in 2020; an issue date for the relative phrases
    static final DeadlineContext PLAN_2020 = DeadlineContext.of(2020, LocalDate.of(2020, 9, 10), CALENDAR);

    static ParsedDeadline parse(String text) {
        return DeadlineParser.parse(text, PLAN_2020);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // the phrases of the issue
            "2020年底前, 2020-12-31",
            "年底前, 2020-12-31",
            "6月底前, 2020-06-30",
            "2020年10月31日前, 2020-10-31",
            "9月30日前, 2020-09-30",
            "年内, 2020-12-31",
            "上半年, 2020-06-30",
            "第三季度, 2020-09-30",
            // variants
            "2021年底前, 2021-12-31",
            "2020年底, 2020-12-31",
            "年底, 2020-12-31",
            "年末前, 2020-12-31",
            "今年底前, 2020-12-31",
            "明年年底前, 2021-12-31",
            "今年内, 2020-12-31",
            "2020年内, 2020-12-31",
            "2020年6月底前, 2020-06-30",
            "十月底前, 2020-10-31",
            "十二月底前, 2020-12-31",
            "2月底前, 2020-02-29",
            "2021年2月底前, 2021-02-28",
            "11月末, 2020-11-30",
            "6月30日前, 2020-06-30",
            "6月30日之前, 2020-06-30",
            "9月30日以前, 2020-09-30",
            "9月30号前, 2020-09-30",
            "12月31日止, 2020-12-31",
            "截至11月15日, 2020-11-15",
            "十月三十一日前, 2020-10-31",
            "九月三十日前, 2020-09-30",
            "二〇二〇年十二月三十一日前, 2020-12-31",
            "２０２０年底前, 2020-12-31",
            "１０月３１日前, 2020-10-31",
            "2020年上半年, 2020-06-30",
            "下半年, 2020-12-31",
            "三季度末, 2020-09-30",
            "第一季度, 2020-03-31",
            "一季度前, 2020-03-31",
            "第四季度, 2020-12-31",
            "2021年第二季度, 2021-06-30",
            "第3季度, 2020-09-30",
    })
    void readsThePhrase(String phrase, LocalDate expected) {
        ParsedDeadline p = parse(phrase);
        assertEquals(ParsedDeadline.Kind.DATE, p.kind(), phrase);
        assertEquals(expected, p.date(), phrase);
        assertEquals(phrase, p.phrase());
        assertEquals(0, p.start());
        assertEquals(phrase.length(), p.end());
        assertFalse(p.derivation().isBlank());
    }

    @Test
    void findsThePhraseInsideATaskSentenceWithItsPosition() {
        String text = "市司法局要在2020年底前梳理列出现行有效的行政法规目录并公开。";
        ParsedDeadline p = parse(text);
        assertEquals(LocalDate.of(2020, 12, 31), p.date());
        assertEquals("2020年底前", p.phrase());
        assertEquals(text.indexOf("2020年底前"), p.start());
        assertEquals(text.indexOf("2020年底前") + "2020年底前".length(), p.end());
    }

    @Test
    void theFirstDatedPhraseWins() {
        ParsedDeadline p = parse("6月底前完成摸底，2020年10月31日前全部公开");
        assertEquals(LocalDate.of(2020, 6, 30), p.date());
        assertEquals("6月底前", p.phrase());
        assertEquals(2, DeadlineParser.findAll("6月底前完成摸底，2020年10月31日前全部公开", PLAN_2020).size());
    }

    @Test
    void aDatedPhraseBeatsAnOngoingOneWrittenBeforeIt() {
        ParsedDeadline p = parse("持续推进政务公开标准化，9月30日前完成目录编制");
        assertEquals(ParsedDeadline.Kind.DATE, p.kind());
        assertEquals(LocalDate.of(2020, 9, 30), p.date());
    }

    @Test
    void relativeToTheIssueDateCountsWorkingDaysAcrossTheNationalDayWeek() {
        // issued Thursday 2020-09-10; 30 working days later, with 10-01..08 off and 09-27, 10-10 worked
        ParsedDeadline p = parse("本方案印发后30个工作日内制定实施细则");
        assertEquals(ParsedDeadline.Kind.DATE, p.kind());
        assertEquals("本方案印发后30个工作日内", p.phrase());
        assertEquals(CALENDAR.addWorkingDays(LocalDate.of(2020, 9, 10), 30), p.date());
        assertEquals(LocalDate.of(2020, 10, 28), p.date());
        assertTrue(p.derivation().contains("2020-09-10"));
        assertEquals(LocalDate.of(2020, 10, 28), parse("本方案印发后三十个工作日内").date());
        assertEquals(LocalDate.of(2020, 9, 25), parse("印发之日起15日内").date());
    }

    @Test
    void relativeWithoutAnIssueDateIsUnresolved() {
        ParsedDeadline p = DeadlineParser.parse("本方案印发后30个工作日内",
                DeadlineContext.of(2020, null, CALENDAR));
        assertEquals(ParsedDeadline.Kind.UNRESOLVED, p.kind());
        assertNull(p.date());
        assertEquals("本方案印发后30个工作日内", p.phrase());
    }

    @ParameterizedTest
    @CsvSource({"长期坚持", "持续推进", "长期", "持续开展", "加强政务公开队伍建设，长期坚持。"})
    void ongoingMeansNoDeadline(String text) {
        ParsedDeadline p = parse(text);
        assertEquals(ParsedDeadline.Kind.ONGOING, p.kind(), text);
        assertNull(p.date());
        assertFalse(p.hasDeadline());
    }

    @Test
    void withoutAPhraseTheTaskTakesThePlansDefaultAndSaysSo() {
        ParsedDeadline p = parse("推进重大建设项目批准和实施领域信息公开");
        assertEquals(ParsedDeadline.Kind.PLAN_DEFAULT, p.kind());
        assertEquals(LocalDate.of(2020, 12, 31), p.date());
        assertNull(p.phrase());
        assertEquals(-1, p.start());
        assertTrue(p.derivation().contains("default"));
        ParsedDeadline custom = DeadlineParser.parse("无期限文字",
                new DeadlineContext(2020, null, LocalDate.of(2020, 11, 30), CALENDAR));
        assertEquals(LocalDate.of(2020, 11, 30), custom.date());
    }

    @ParameterizedTest
    @CsvSource({
            "三年内完成全部改造",          // a duration, not 年内
            "稳中有进、长期向好态势",        // 长期 inside a word
            "2月30日前",                   // no such day
            "每季度报送一次进展",
            "13月底前",
    })
    void wordsThatLookLikeDeadlinesButAreNot(String text) {
        ParsedDeadline p = parse(text);
        assertEquals(ParsedDeadline.Kind.PLAN_DEFAULT, p.kind(), text + " -> " + p);
    }

    @Test
    void chineseNumerals() {
        assertEquals(10, DeadlineParser.num("十"));
        assertEquals(12, DeadlineParser.num("十二"));
        assertEquals(30, DeadlineParser.num("三十"));
        assertEquals(31, DeadlineParser.num("三十一"));
        assertEquals(120, DeadlineParser.num("一百二十"));
        assertEquals(2020, DeadlineParser.num("二〇二〇"));
        assertEquals(2026, DeadlineParser.num("二零二六"));
    }

    @Test
    void aFarDateIsReadAsWrittenForTheReviewerAndTheConfirmationRefusesIt() {
        // the preview shows the typo as written; confirming it is a 400 naming the task (PlanImportResourceTest)
        assertEquals(LocalDate.of(9999, 12, 31), parse("9999年底前完成").date());
        // two billion working days are counted, not walked: millions of years on, at once
        assertTrue(parse("本方案印发后2000000000个工作日内完成").date().getYear() > 7_000_000);
    }
}

package org.duban.task.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HolidayNoticeParserTest {

    /** A fixture of test resources calendar/notices, without its # header. */
    static String notice(int year) {
        String name = "calendar/notices/notice-" + year + ".txt";
        try (InputStream in = HolidayNoticeParserTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(List<HolidayNotice.Day> days) {
        return days.stream().map(d -> d.date() + " " + d.kind() + " " + d.name()).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {2020, 2021, 2022, 2023, 2024, 2025, 2026})
    void eachShippedYearsNoticeParsesToExactlyTheShippedCalendarOfThatYear(int year) {
        CalendarData.Year shipped = CalendarData.load().years().stream().filter(y -> y.year() == year).findFirst().orElseThrow();
        List<String> expected = CalendarData.days(shipped).stream()
                .sorted(java.util.Comparator.comparing(CalendarData.Day::date))
                .map(d -> d.date() + " " + d.kind() + " " + d.name()).toList();

        HolidayNotice n = HolidayNoticeParser.parse(notice(year));

        assertEquals(year, n.year());
        assertEquals("国务院办公厅关于" + year + "年部分节假日安排的通知", n.title());
        assertEquals(expected, lines(n.days()));
    }

    @Test
    void the2020ExtensionRunsSpringFestivalOnToTheSecondOfFebruaryAndCancelsTheWorkingSaturday() {
        HolidayNotice withExtension = HolidayNoticeParser.parse(notice(2020));
        String original = notice(2020).substring(0, notice(2020).indexOf("国务院办公厅关于延长"));
        HolidayNotice alone = HolidayNoticeParser.parse(original);

        HolidayNotice.Festival spring = alone.festivals().get(1);
        assertEquals("春节", spring.name());
        assertEquals(LocalDate.of(2020, 1, 30), spring.holidays().get(spring.holidays().size() - 1));
        assertEquals(List.of(LocalDate.of(2020, 1, 19), LocalDate.of(2020, 2, 1)), spring.workdays());

        HolidayNotice.Festival extended = withExtension.festivals().get(1);
        assertEquals(LocalDate.of(2020, 2, 2), extended.holidays().get(extended.holidays().size() - 1));
        assertEquals(10, extended.holidays().size());
        assertEquals(List.of(LocalDate.of(2020, 1, 19)), extended.workdays());
    }

    @Test
    void the2027NoticeGivesItsHolidaysAndWorkingDays() {
        HolidayNotice n = HolidayNoticeParser.parse(notice(2027));
        assertEquals(2027, n.year());
        assertEquals(List.of("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"),
                n.festivals().stream().map(HolidayNotice.Festival::name).toList());
        HolidayNotice.Festival national = n.festivals().get(6);
        assertEquals(7, national.holidays().size());
        assertEquals(List.of(LocalDate.of(2027, 9, 26), LocalDate.of(2027, 10, 9)), national.workdays());
        assertEquals(List.of(LocalDate.of(2027, 6, 9)), n.festivals().get(4).holidays());
        assertTrue(lines(n.days()).contains("2027-10-09 WORKDAY 国庆节调休上班"));
    }

    // --- variants of the text ---------------------------------------------------------------------

    @Test
    void asciiPunctuationNoLineBreaksAndStrayWhitespaceReadTheSame() {
        String official = notice(2024);
        String ascii = official.replace('：', ':').replace('，', ',').replace('（', '(').replace('）', ')')
                .replace("\n", "");
        String spaced = official.replace("\n", "\r\n  \u3000").replace("月", " 月 ").replace("日", "日\u00a0");
        List<String> expected = lines(HolidayNoticeParser.parse(official).days());
        assertEquals(expected, lines(HolidayNoticeParser.parse(ascii).days()));
        assertEquals(expected, lines(HolidayNoticeParser.parse(spaced).days()));
    }

    @Test
    void fullWidthDigitsAreRead() {
        HolidayNotice n = HolidayNoticeParser.parse("国务院办公厅关于２０２４年部分节假日安排的通知\n一、元旦：１月１日放假，与周末连休。");
        assertEquals(List.of("2024-01-01 HOLIDAY 元旦"), lines(n.days()));
    }

    @Test
    void theYearMayComeFromThePreambleWhenTheTitleWasNotCopied() {
        HolidayNotice n = HolidayNoticeParser.parse("经国务院批准，现将2024年元旦、春节放假调休日期的具体安排通知如下。\n一、元旦：1月1日放假，与周末连休。");
        assertEquals(2024, n.year());
    }

    @Test
    void aNewYearRangeAcrossTheTurnOfTheYearBelongsToTheNoticeOfTheNewYear() {
        String title = "国务院办公厅关于2024年部分节假日安排的通知\n";
        List<String> expected = List.of("2023-12-30 HOLIDAY 元旦", "2023-12-31 HOLIDAY 元旦", "2024-01-01 HOLIDAY 元旦");
        assertEquals(expected, lines(HolidayNoticeParser.parse(title + "一、元旦：2023年12月30日至2024年1月1日放假调休，共3天。").days()));
        // the years left out: December before January is the turn of the year
        assertEquals(expected, lines(HolidayNoticeParser.parse(title + "一、元旦：12月30日至1月1日放假调休，共3天。").days()));
    }

    @Test
    void theMonthLeftOutOfALaterDateIsTheMonthBeforeIt() {
        HolidayNotice n = HolidayNoticeParser.parse("国务院办公厅关于2022年部分节假日安排的通知\n"
                + "二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、30日（星期日）上班。");
        assertEquals(List.of(LocalDate.of(2022, 1, 29), LocalDate.of(2022, 1, 30)), n.festivals().get(0).workdays());
        assertEquals(7, n.festivals().get(0).holidays().size());
    }

    @Test
    void aCompensatoryDayOffAndAWorkingRangeAreRead() {
        // the form of the notices up to 2017: 补休 on the Monday after
        HolidayNotice n = HolidayNoticeParser.parse("国务院办公厅关于2017年部分节假日安排的通知\n"
                + "一、元旦：1月1日放假，1月2日（星期一）补休。\n"
                + "六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。");
        assertEquals(List.of("2017-01-01 HOLIDAY 元旦", "2017-01-02 HOLIDAY 元旦", "2017-09-30 WORKDAY 中秋节、国庆节调休上班",
                        "2017-10-01 HOLIDAY 中秋节、国庆节", "2017-10-02 HOLIDAY 中秋节、国庆节", "2017-10-03 HOLIDAY 中秋节、国庆节",
                        "2017-10-04 HOLIDAY 中秋节、国庆节", "2017-10-05 HOLIDAY 中秋节、国庆节", "2017-10-06 HOLIDAY 中秋节、国庆节",
                        "2017-10-07 HOLIDAY 中秋节、国庆节", "2017-10-08 HOLIDAY 中秋节、国庆节"),
                lines(n.days()));
        HolidayNotice w = HolidayNoticeParser.parse("国务院办公厅关于2023年部分节假日安排的通知\n"
                + "六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日至8日上班。");
        assertEquals(List.of(LocalDate.of(2023, 10, 7), LocalDate.of(2023, 10, 8)), w.festivals().get(0).workdays());
    }

    @Test
    void aRemarkAfterTheItemsAndTheDatelineAreNotReadAsDays() {
        // 2024: "安排职工在除夕（2月9日）休息" follows the 春节 item; 2-09 is a working day
        HolidayNotice n = HolidayNoticeParser.parse(notice(2024));
        assertFalse(n.days().stream().anyMatch(d -> d.date().equals(LocalDate.of(2024, 2, 9))));
        assertFalse(n.days().stream().anyMatch(d -> d.date().getYear() == 2023));
    }

    // --- bad inputs ------------------------------------------------------------------------------

    static HolidayNoticeParser.Problem refused(String text) {
        HolidayNoticeParser.Invalid e = assertThrows(HolidayNoticeParser.Invalid.class, () -> HolidayNoticeParser.parse(text));
        assertFalse(e.problems().isEmpty());
        return e.problems().get(0);
    }

    @Test
    void aTextWithoutAYearIsRefused() {
        HolidayNoticeParser.Problem p = refused("一、元旦：1月1日放假，与周末连休。\n二、春节：2月10日至17日放假调休，共8天。");
        assertTrue(p.message().startsWith("no year"), p.message());
        assertEquals(1, p.line());
    }

    @Test
    void aDateOutsideTheNoticesYearIsRefusedWithItsLine() {
        HolidayNoticeParser.Problem p = refused("国务院办公厅关于2024年部分节假日安排的通知\n\n一、元旦：1月1日放假。\n"
                + "四、劳动节：2025年5月1日至5日放假调休，共5天。");
        assertEquals(4, p.line());
        assertTrue(p.message().contains("2025-05-01 is not in the notice's year 2024"), p.message());
        // a December 元旦 day belongs to the next year's notice, not to this one
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n一、元旦：2024年12月31日放假。").message()
                .contains("not in the notice's year 2024"));
    }

    @Test
    void aRangeRunningBackwardsIsRefused() {
        HolidayNoticeParser.Problem p = refused("国务院办公厅关于2024年部分节假日安排的通知\n七、国庆节：10月7日至1日放假调休，共7天。");
        assertEquals(2, p.line());
        assertTrue(p.message().contains("runs backwards"), p.message());
    }

    @Test
    void aDateThatDoesNotExistIsRefused() {
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n二、春节：2月30日放假。").message().contains("is not a date"));
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n二、春节：10日至17日放假。").message().contains("has no month"));
    }

    @Test
    void aWeekdayThatDoesNotMatchItsDateIsRefused() {
        // the 2024 text read as 2025's: 2月4日 2025 is a Tuesday
        HolidayNoticeParser.Problem p = refused("国务院办公厅关于2025年部分节假日安排的通知\n二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）上班。");
        assertTrue(p.message().contains("is a TUESDAY, not 星期日"), p.message());
    }

    @Test
    void aCountThatDoesNotMatchTheDatesIsRefused() {
        HolidayNoticeParser.Problem p = refused("国务院办公厅关于2024年部分节假日安排的通知\n二、春节：2月10日至17日放假调休，共7天。");
        assertTrue(p.message().contains("共7天 but its dates give 8 days off"), p.message());
    }

    @Test
    void aWorkingWeekdayOrADayGivenTwiceIsRefused() {
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n二、春节：2月10日至17日放假调休，共8天。2月5日上班。").message()
                .contains("is a weekday"));
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n二、春节：2月10日至17日放假调休，共8天。2月17日（星期六）上班。").message()
                .contains("2024-02-17 is given twice"));
    }

    @Test
    void aTextWithoutFestivalItemsOrEmptyIsRefused() {
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n各省、自治区、直辖市人民政府：").message().startsWith("no festival items"));
        assertTrue(refused(" \n ").message().startsWith("the text is empty"));
        assertTrue(refused("国务院办公厅关于2024年部分节假日安排的通知\n一、元旦：与周末连休。").message().contains("gives no days off"));
    }

    @Test
    void twoYearsNoticesInOneTextAreRefused() {
        assertTrue(refused(notice(2023) + "\n" + notice(2024)).message().contains("several years"));
    }

    @Test
    void theTextIsReadUpToItsBoundAndRefusedOneCharacterBeyond() {
        String text = notice(2024);
        String atBound = text + " ".repeat(HolidayNoticeParser.MAX_CHARS - text.length());
        assertEquals(HolidayNoticeParser.MAX_CHARS, atBound.length());
        assertEquals(2024, HolidayNoticeParser.parse(atBound).year());

        HolidayNoticeParser.Invalid e = assertThrows(HolidayNoticeParser.Invalid.class,
                () -> HolidayNoticeParser.parse(atBound + " "));
        assertTrue(e.tooLong());
        assertTrue(e.problems().get(0).message().contains("has 20001 characters"), e.problems().get(0).message());
    }
}

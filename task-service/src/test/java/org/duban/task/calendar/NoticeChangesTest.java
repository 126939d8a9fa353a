package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoticeChangesTest {

    static HolidayNotice.Day day(String date, DayKind kind, String name) {
        return new HolidayNotice.Day(LocalDate.parse(date), kind, name);
    }

    static List<String> describe(List<NoticeChanges.Change> changes) {
        return changes.stream().map(c -> c.date() + " " + c.kind()).toList();
    }

    @Test
    void theNoticeOfTheYearTheCalendarHoldsChangesNothing() {
        HolidayNotice n = HolidayNoticeParser.parse(HolidayNoticeParserTest.notice(2023));
        assertEquals(List.of(), NoticeChanges.between(n.days(), n));
    }

    @Test
    void addedChangedAndRemovedDaysOfTheNoticesYear() {
        HolidayNotice n = HolidayNoticeParser.parse("国务院办公厅关于2024年部分节假日安排的通知\n"
                + "五、端午节：6月10日放假，与周末连休。\n六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。");
        List<HolidayNotice.Day> current = List.of(
                day("2024-06-10", DayKind.HOLIDAY, "端午节"),                 // the same: unchanged
                day("2024-09-15", DayKind.HOLIDAY, "中秋"),                   // another name: changed
                day("2024-09-16", DayKind.WORKDAY, "中秋节调休上班"),          // another kind: changed
                day("2024-11-11", DayKind.HOLIDAY, "台风停工"));              // not in the notice: removed
        assertEquals(List.of("2024-09-14 ADDED", "2024-09-15 CHANGED", "2024-09-16 CHANGED", "2024-09-17 ADDED",
                "2024-11-11 REMOVED"), describe(NoticeChanges.between(current, n)));
    }

    @Test
    void aDecemberNewYearDayBelongsToTheNextYearsNoticeAndIsNotRemovedByThisOne() {
        HolidayNotice n2022 = HolidayNoticeParser.parse(HolidayNoticeParserTest.notice(2022));
        HolidayNotice.Day newYear2023 = day("2022-12-31", DayKind.HOLIDAY, "元旦");
        assertEquals(List.of(), NoticeChanges.between(n2022.days().stream().collect(
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                    l.add(newYear2023);
                    return l;
                })), n2022));
        // the 2023 notice governs it: a 2023 notice without it removes it
        HolidayNotice n2023 = HolidayNoticeParser.parse("国务院办公厅关于2023年部分节假日安排的通知\n一、元旦：1月2日放假，共1天。");
        assertEquals(List.of("2022-12-31 REMOVED", "2023-01-02 ADDED"),
                describe(NoticeChanges.between(List.of(newYear2023), n2023)));
    }
}

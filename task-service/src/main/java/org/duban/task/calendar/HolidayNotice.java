package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import java.time.LocalDate;
import java.util.List;

/**
 * What the State Council's yearly notice (国务院办公厅关于20XX年部分节假日安排的通知) says, as read by
 * {@link HolidayNoticeParser}: the year, and per festival item the days off (放假, 补休) and the weekend
 * days worked (调休上班). {@link #days()} is every day in date order, named as the shipped calendar
 * names them ("春节", "春节调休上班", "国庆节、中秋节"). Pure data.
 */
public record HolidayNotice(int year, String title, List<Festival> festivals, List<Day> days) {

    /** One numbered item (一、元旦：…): its festival name(s) as written, and its days. */
    public record Festival(String name, int line, List<LocalDate> holidays, List<LocalDate> workdays) {
    }

    /** One day of the notice. */
    public record Day(LocalDate date, DayKind kind, String name) {
    }

    /** The name of a weekend day worked for a festival: 春节 → 春节调休上班. */
    public static String workdayName(String festival) {
        return festival + "调休上班";
    }

    /**
     * The notice year a calendar entry belongs to: its own year, except a December day of 元旦,
     * which belongs to the next year's notice (元旦 2023 began on 2022-12-31 and the notice for 2023
     * gave it). Used to tell which entries a notice replaces.
     */
    public static int noticeYearOf(LocalDate date, String name) {
        return date.getMonthValue() == 12 && name != null && name.startsWith("元旦") ? date.getYear() + 1 : date.getYear();
    }
}

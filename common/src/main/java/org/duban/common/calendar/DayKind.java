package org.duban.common.calendar;

/** How a calendar day differs from the plain week. */
public enum DayKind {
    /** A day off (法定节假日 or its 调休 rest days), even on a weekday. */
    HOLIDAY,
    /** A weekend day that is a working day (调休上班). */
    WORKDAY
}

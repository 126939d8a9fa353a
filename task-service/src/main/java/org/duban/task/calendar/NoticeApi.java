package org.duban.task.calendar;

import org.duban.common.calendar.DayKind;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The API bodies of the holiday notice import (preview and confirm). */
public final class NoticeApi {
    private NoticeApi() {
    }

    @Schema(name = "HolidayNoticeText", description = "The text of the State Council's notice as published (title, items, dateline), "
            + "at most " + HolidayNoticeParser.MAX_CHARS + " characters")
    public record NoticeText(
            @Schema(maxLength = HolidayNoticeParser.MAX_CHARS,
                    examples = "国务院办公厅关于2024年部分节假日安排的通知\n一、元旦：1月1日放假，与周末连休。\n二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。")
            @NotNull String text) {
    }

    @Schema(name = "HolidayNoticeFestival", description = "One numbered item of the notice")
    public record FestivalView(
            @Schema(examples = "春节") String name,
            @Schema(description = "The line of the text the item starts on", examples = "7") int line,
            @Schema(description = "Days off (放假, 补休)") List<LocalDate> holidays,
            @Schema(description = "Weekend days worked (调休上班)") List<LocalDate> workdays) {
        static FestivalView of(HolidayNotice.Festival f) {
            return new FestivalView(f.name(), f.line(), f.holidays(), f.workdays());
        }
    }

    @Schema(name = "HolidayNoticeDay")
    public record DayView(@Schema(examples = "2024-02-10") LocalDate date, DayKind kind, @Schema(examples = "春节") String name) {
        static DayView of(HolidayNotice.Day d) {
            return new DayView(d.date(), d.kind(), d.name());
        }
    }

    @Schema(name = "HolidayNoticeChange", description = "How one day of the calendar changes when the notice is confirmed")
    public record ChangeView(
            @Schema(examples = "2024-02-18") LocalDate date,
            @Schema(description = "ADDED: no entry yet; CHANGED: another kind or name; REMOVED: an entry of the year the notice does not give")
            NoticeChanges.Kind change,
            DayKind kindBefore, String nameBefore, DayKind kindAfter, String nameAfter) {
        static ChangeView of(NoticeChanges.Change c) {
            return new ChangeView(c.date(), c.kind(), c.before() == null ? null : c.before().kind(),
                    c.before() == null ? null : c.before().name(), c.after() == null ? null : c.after().kind(),
                    c.after() == null ? null : c.after().name());
        }
    }

    @Schema(name = "HolidayNoticePreview", description = "What the notice says and what confirming it would change; nothing is written")
    public record Preview(
            @Schema(examples = "2024") int year,
            @Schema(examples = "国务院办公厅关于2024年部分节假日安排的通知") String title,
            List<FestivalView> festivals,
            @Schema(description = "Every day of the notice in date order") List<DayView> days,
            @Schema(description = "The differences to what the calendar holds now; empty when it holds the notice already")
            List<ChangeView> changes,
            @Schema(description = "Days of the notice the calendar holds already as it says") int unchanged) {
    }

    @Schema(name = "HolidayNoticeConfirmed", description = "What confirming the notice changed")
    public record Confirmed(
            int year,
            String title,
            int added,
            int changed,
            int removed,
            int unchanged,
            @Schema(description = "Open assignments whose pending reminders were planned again on the new calendar")
            int remindersReplanned,
            List<ChangeView> changes) {
    }
}

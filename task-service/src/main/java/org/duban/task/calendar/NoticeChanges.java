package org.duban.task.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The differences between the calendar entries a notice governs and the notice's days (pure). A
 * notice for year Y governs the entries whose {@link HolidayNotice#noticeYearOf notice year} is Y:
 * after it is confirmed they are exactly its days. An entry equal in kind and name is unchanged,
 * whoever entered it (the shipped data, a supervisor), so confirming the notice the calendar holds
 * changes nothing.
 */
public final class NoticeChanges {

    /** (Named in the OpenAPI document, where a bare "Kind" is another enum's.) */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "HolidayNoticeChangeKind")
    public enum Kind { ADDED, CHANGED, REMOVED }

    public record Change(LocalDate date, Kind kind, HolidayNotice.Day before, HolidayNotice.Day after) {
    }

    private NoticeChanges() {
    }

    /** {@code current}: the entries the notice governs, and any entry on one of its dates. */
    public static List<Change> between(Collection<HolidayNotice.Day> current, HolidayNotice notice) {
        Map<LocalDate, HolidayNotice.Day> now = new TreeMap<>();
        current.forEach(d -> now.put(d.date(), d));
        Map<LocalDate, HolidayNotice.Day> next = new TreeMap<>();
        notice.days().forEach(d -> next.put(d.date(), d));
        TreeMap<LocalDate, Change> out = new TreeMap<>();
        for (HolidayNotice.Day d : next.values()) {
            HolidayNotice.Day was = now.get(d.date());
            if (was == null) {
                out.put(d.date(), new Change(d.date(), Kind.ADDED, null, d));
            } else if (was.kind() != d.kind() || !Objects.equals(was.name(), d.name())) {
                out.put(d.date(), new Change(d.date(), Kind.CHANGED, was, d));
            }
        }
        for (HolidayNotice.Day was : now.values()) {
            if (!next.containsKey(was.date()) && HolidayNotice.noticeYearOf(was.date(), was.name()) == notice.year()) {
                out.put(was.date(), new Change(was.date(), Kind.REMOVED, was, null));
            }
        }
        return new ArrayList<>(out.values());
    }
}

package org.duban.notification.template;

import org.duban.common.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Builds the data of the templates from an event's members. Pure. */
public final class TemplateModel {
    private TemplateModel() {
    }

    /** The facts a notification can mention; null members are left out of the model. */
    public record Facts(String addressee, String unitName, String title, String role, LocalDate deadline,
                        LocalDate today, Integer daysLeft, Integer daysOverdue, String documentNumber,
                        String leadUnitName, String link, String message, String reason, Integer percent,
                        String summary, LocalDate previousDeadline, LocalDate requestedDeadline) {
    }

    /**
     * The model; {@code days} counts the working days left (or overdue) when the event did not say
     * (the replica of task-service's calendar in the service).
     */
    public static Map<String, Object> of(Facts f, WorkingDays days) {
        Map<String, Object> m = new HashMap<>();
        put(m, "addressee", f.addressee());
        put(m, "unitName", f.unitName());
        put(m, "title", f.title());
        put(m, "role", roleLabel(f.role()));
        put(m, "deadline", f.deadline() == null ? null : date(f.deadline()));
        put(m, "previousDeadline", f.previousDeadline() == null ? null : date(f.previousDeadline()));
        put(m, "requestedDeadline", f.requestedDeadline() == null ? null : date(f.requestedDeadline()));
        Integer left = f.daysLeft();
        Integer overdue = f.daysOverdue();
        if (left == null && overdue == null && f.deadline() != null && f.today() != null) {
            int l = days.workingDaysBetween(f.today(), f.deadline());
            if (l >= 0) {
                left = l;
            } else {
                overdue = -l;
            }
        }
        put(m, "daysLeft", left);
        put(m, "daysOverdue", overdue != null && overdue > 0 ? overdue : null);
        put(m, "documentNumber", f.documentNumber());
        put(m, "leadUnitName", f.leadUnitName());
        put(m, "link", f.link());
        put(m, "message", f.message());
        put(m, "reason", f.reason());
        put(m, "percent", f.percent());
        put(m, "summary", f.summary());
        return m;
    }

    /** 牵头单位 / 责任单位, or null. */
    public static String roleLabel(String role) {
        if ("LEAD".equals(role)) {
            return "牵头单位";
        }
        if ("RESPONSIBLE".equals(role)) {
            return "责任单位";
        }
        return null;
    }

    /** 2026年12月31日 (no leading zeros, as official documents write dates). */
    public static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isBlank())) {
            m.put(k, v);
        }
    }
}

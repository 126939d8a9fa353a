package org.duban.notification.template;

import org.duban.events.task.DeadlineApproaching;
import org.duban.events.task.Overdue;
import org.duban.events.task.ReportDue;
import org.duban.events.task.ReportOverdue;
import org.duban.events.task.TaskEvent;
import org.duban.events.task.TaskPart;
import org.duban.events.task.TaskTransition;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the data of the templates from the event alone (issue 18): its task part names the task, the plan, the
 * lead unit and the unit, and says how many working days are left on task-service's calendar. Pure.
 */
public final class TemplateModel {
    private TemplateModel() {
    }

    /**
     * The model of a notification of {@code event} to {@code addressee} (the unit told, as the sentence addresses
     * it); null members are left out.
     */
    public static Map<String, Object> of(TaskEvent event, String addressee, String link) {
        TaskPart t = event.task();
        Map<String, Object> m = new HashMap<>();
        put(m, "addressee", addressee);
        put(m, "unitName", t.unitName());
        put(m, "title", t.title());
        put(m, "role", t.role() == null ? null : roleLabel(t.role().name()));
        put(m, "deadline", t.deadline() == null ? null : date(t.deadline()));
        put(m, "documentNumber", t.documentNumber());
        put(m, "leadUnitName", t.leadUnitName());
        put(m, "link", link);
        Integer left = null;
        Integer overdue = null;
        if (event instanceof DeadlineApproaching d) {
            left = d.daysLeft();
        } else if (event instanceof Overdue o) {
            overdue = o.daysOverdue();
        } else if (t.workingDaysLeft() != null) {
            if (t.workingDaysLeft() >= 0) {
                left = t.workingDaysLeft();
            } else {
                overdue = -t.workingDaysLeft();
            }
        }
        put(m, "daysLeft", left);
        put(m, "daysOverdue", overdue != null && overdue > 0 ? overdue : null);
        if (event instanceof TaskTransition x) {
            put(m, "previousDeadline", x.previousDeadline() == null ? null : date(x.previousDeadline()));
            put(m, "requestedDeadline", x.requestedDeadline() == null ? null : date(x.requestedDeadline()));
            put(m, "message", x.message());
            put(m, "reason", x.reason());
            put(m, "percent", x.percent());
            put(m, "summary", x.summary());
        }
        if (event instanceof ReportDue r) {
            period(m, r.period(), r.periodLabel(), r.dueDate());
            put(m, "reportDaysLeft", r.workingDaysLeft());
        } else if (event instanceof ReportOverdue r) {
            period(m, r.period(), r.periodLabel(), r.dueDate());
            put(m, "reportDaysOverdue", r.workingDaysOverdue());
        }
        return m;
    }

    /** A periodic report's period (issue 19): its key, its label (2025年第3季度) and its due date. */
    private static void period(Map<String, Object> m, String period, String label, LocalDate due) {
        put(m, "period", period);
        put(m, "periodLabel", label);
        put(m, "dueDate", due == null ? null : date(due));
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

package org.duban.notification.inbox;

import java.time.LocalDate;

/** The Chinese wording of notifications. Pure: no I/O, no clock. */
public final class NotificationText {
    private NotificationText() {
    }

    public record Text(String title, String body) {
    }

    /**
     * 新任务：编制政务公开年度报告 /
     * 珠海市司法局：请于2026年12月31日前完成“编制政务公开年度报告”（牵头单位）。
     */
    public static Text taskAssigned(TaskAssigned e) {
        String addressee = e.unitName() == null || e.unitName().isBlank() ? e.unitCode() : e.unitName();
        String when = e.deadline() == null ? "请" : "请于" + date(e.deadline()) + "前";
        String body = addressee + "：" + when + "完成“" + e.title() + "”（" + role(e.role()) + "）。";
        return new Text("新任务：" + e.title(), body);
    }

    static String role(TaskAssigned.Role role) {
        return switch (role) {
            case LEAD -> "牵头单位";
            case RESPONSIBLE -> "责任单位";
        };
    }

    /** 2026年12月31日, 2027年1月5日 (no leading zeros, as official documents write dates). */
    static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}

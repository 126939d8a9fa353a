package org.duban.task.ledger;

/** The Chinese words of the ledger's CSV and XLSX (the JSON keeps the API's enum names). */
final class LedgerLabels {
    private LedgerLabels() {
    }

    static final String[] HEADERS = {"序号", "工作部分", "工作事项", "任务", "单位", "单位代码", "角色", "状态", "亮灯",
            "完成时限", "剩余工作日", "逾期工作日", "进度（%）", "最近进展", "进展报送日期", "办结日期",
            "佐证材料（个）", "佐证材料"};

    static String role(String role) {
        return switch (role) {
            case "LEAD" -> "牵头";
            case "RESPONSIBLE" -> "责任";
            default -> role;
        };
    }

    static String state(String state) {
        return switch (state) {
            case "ASSIGNED" -> "待签收";
            case "ACCEPTED" -> "已签收";
            case "IN_PROGRESS" -> "办理中";
            case "SUBMITTED" -> "已报结";
            case "COMPLETED" -> "已办结";
            case "RETURNED" -> "已退回";
            case "CANCELLED" -> "已撤销";
            default -> state;
        };
    }

    static String light(String light) {
        if (light == null) {
            return "";
        }
        return switch (light) {
            case "GREEN" -> "绿灯";
            case "YELLOW" -> "黄灯";
            case "RED" -> "红灯";
            default -> light;
        };
    }

    /** The cell colour of a light in the XLSX (RGB hex). */
    static String colour(String light) {
        if (light == null) {
            return null;
        }
        return switch (light) {
            case "GREEN" -> "C6EFCE";
            case "YELLOW" -> "FFEB9C";
            case "RED" -> "FFC7CE";
            default -> null;
        };
    }

    static String section(LedgerRow r) {
        return r.section() == null ? "" : r.section();
    }

    /** The header of a period's column: 2025年第3季度报送. */
    static String periodHeader(Ledger.PeriodColumn p) {
        return p.label() + "报送";
    }

    /** A period's cell: 按时 / 逾期 / 未报 / 待报, empty when the unit does not owe that period. */
    static String[] periodCells(LedgerRow r, java.util.List<Ledger.PeriodColumn> periods) {
        String[] out = new String[periods.size()];
        for (int i = 0; i < periods.size(); i++) {
            out[i] = "";
            for (LedgerRow.ReportCell c : r.reports()) {
                if (c.period().equals(periods.get(i).key())) {
                    out[i] = c.status().chinese();
                }
            }
        }
        return out;
    }

    /** The cell colour of a period's status in the XLSX (RGB hex), as the lights'. */
    static String periodColour(String status) {
        return switch (status) {
            case "按时" -> "C6EFCE";
            case "逾期" -> "FFEB9C";
            case "未报" -> "FFC7CE";
            default -> null;
        };
    }

    static String[] headers(java.util.List<Ledger.PeriodColumn> periods) {
        String[] h = java.util.Arrays.copyOf(HEADERS, HEADERS.length + periods.size());
        for (int i = 0; i < periods.size(); i++) {
            h[HEADERS.length + i] = periodHeader(periods.get(i));
        }
        return h;
    }

    /** The row's values in {@link #HEADERS} order, as text (numbers and dates are written as such by the XLSX writer). */
    static String[] cells(long n, LedgerRow r) {
        return new String[]{Long.toString(n), section(r), nz(r.workItem()), nz(r.task()), nz(r.unitName()), r.unitCode(),
                role(r.role()), state(r.state()), light(r.light()), str(r.deadline()), str(r.workingDaysLeft()),
                str(r.overdueWorkingDays()), Integer.toString(r.progressPercent()), nz(r.lastProgress()),
                str(r.lastProgressOn()), str(r.completedOn()), Integer.toString(r.evidenceCount()), nz(r.evidenceFiles())};
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}

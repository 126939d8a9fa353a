package org.duban.registry.unit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of unit a plan addresses (see docs/glossary.md), each with its Chinese label. */
public enum UnitType {
    MUNICIPAL_DEPARTMENT("市政府组成部门"),
    DIRECT_AGENCY("直属机构"),
    DISTRICT("区政府"),
    /** functional zones: 横琴新区, 高新区, 万山, 高栏港 ... */
    ZONE_COMMITTEE("管委会"),
    PUBLIC_ENTERPRISE("公共企事业单位"),
    OTHER("其他");

    public final String label;

    UnitType(String label) {
        this.label = label;
    }

    /** By name (MUNICIPAL_DEPARTMENT) or Chinese label (市政府组成部门, also 直属事业单位 for DIRECT_AGENCY). */
    public static Optional<UnitType> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        if (t.equals("直属事业单位") || t.equals("直属机构/直属事业单位")) {
            return Optional.of(DIRECT_AGENCY);
        }
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.label.equals(t)).findFirst();
    }

    public static List<String> allowed() {
        return Arrays.stream(values()).map(v -> v.name() + " (" + v.label + ")").toList();
    }
}

package org.duban.registry.unit;

/** The kinds of unit a plan addresses (see docs/glossary.md). */
public enum UnitType {
    /** 市政府组成部门 */
    MUNICIPAL_DEPARTMENT,
    /** 直属机构 / 直属事业单位 */
    DIRECT_AGENCY,
    /** 区政府 */
    DISTRICT,
    /** 管委会 (functional zones: 横琴新区, 高新区, 万山, 高栏港 ...) */
    ZONE_COMMITTEE,
    /** 公共企事业单位 */
    PUBLIC_ENTERPRISE,
    OTHER
}

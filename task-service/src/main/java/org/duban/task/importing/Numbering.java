package org.duban.task.importing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numberings of Chinese official documents: 一、 / （一） / 1. / （1）, full-width or ASCII. */
final class Numbering {
    private Numbering() {
    }

    enum Level { SECTION, WORK_ITEM, ITEM, SUB_ITEM }

    record Match(Level level, int number, String label, String rest) {
    }

    private static final String CN = "[一二三四五六七八九十百零〇两]+";
    private static final Pattern SECTION = Pattern.compile("^(" + CN + ")\\s*[、.．]\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern WORK_ITEM = Pattern.compile("^[（(]\\s*(" + CN + ")\\s*[)）]\\s*[、.．]?\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile("^([0-9０-９]{1,3})\\s*[.．、](?![0-9０-９])\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SUB_ITEM = Pattern.compile("^[（(]\\s*([0-9０-９]{1,3})\\s*[)）]\\s*[、.．]?\\s*(.*)$", Pattern.DOTALL);

    /** The numbering at the start of {@code text}, or null. */
    static Match of(String text) {
        String t = text.strip();
        Matcher m = SECTION.matcher(t);
        if (m.matches()) {
            return new Match(Level.SECTION, chineseNumber(m.group(1)), m.group(1), m.group(2).strip());
        }
        m = WORK_ITEM.matcher(t);
        if (m.matches()) {
            return new Match(Level.WORK_ITEM, chineseNumber(m.group(1)), m.group(1), m.group(2).strip());
        }
        m = SUB_ITEM.matcher(t);
        if (m.matches()) {
            return new Match(Level.SUB_ITEM, arabic(m.group(1)), m.group(1), m.group(2).strip());
        }
        m = ITEM.matcher(t);
        if (m.matches()) {
            return new Match(Level.ITEM, arabic(m.group(1)), m.group(1), m.group(2).strip());
        }
        return null;
    }

    /** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; -1 if not a number below 100. */
    static int chineseNumber(String s) {
        String digits = "零一二三四五六七八九";
        if (s.isEmpty()) {
            return -1;
        }
        s = s.replace('〇', '零').replace('两', '二');
        int ten = s.indexOf('十');
        if (ten < 0) {
            return s.length() == 1 ? digits.indexOf(s.charAt(0)) : -1;
        }
        int tens = ten == 0 ? 1 : digits.indexOf(s.charAt(0));
        int ones = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1));
        return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
    }

    private static int arabic(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '０' && c <= '９' ? (char) (c - '０' + '0') : c);
        }
        return Integer.parseInt(b.toString());
    }
}

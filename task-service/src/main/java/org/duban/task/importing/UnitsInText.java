package org.duban.task.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the units that a task's text names itself ("市司法局要在2020年底前…"), by their full and
 * short names and the "市…" form of a "珠海市…" name; longest names first, no overlaps.
 */
final class UnitsInText {

    private static final Pattern CITY_PREFIX = Pattern.compile("^\\p{IsHan}{2,3}市(\\p{IsHan}{2,}.*)$");

    record Found(String unitCode, String text, int start) {
    }

    private record Key(String text, String code) {
    }

    private final List<Key> keys = new ArrayList<>();

    /** {@code names}: unit code → its names (full name, short name, aliases). */
    UnitsInText(Map<String, List<String>> names) {
        names.forEach((code, list) -> {
            for (String n : list) {
                if (n == null || n.length() < 3) {
                    continue;
                }
                keys.add(new Key(n, code));
                Matcher m = CITY_PREFIX.matcher(n);
                if (m.matches()) {
                    keys.add(new Key("市" + m.group(1), code));
                }
            }
        });
        keys.sort(Comparator.comparingInt((Key k) -> k.text().length()).reversed());
    }

    List<Found> find(String text) {
        boolean[] taken = new boolean[text.length()];
        List<Found> found = new ArrayList<>();
        for (Key k : keys) {
            int from = 0;
            int at;
            while ((at = text.indexOf(k.text(), from)) >= 0) {
                boolean free = true;
                for (int i = at; i < at + k.text().length(); i++) {
                    free &= !taken[i];
                }
                if (free) {
                    for (int i = at; i < at + k.text().length(); i++) {
                        taken[i] = true;
                    }
                    found.add(new Found(k.code(), k.text(), at));
                }
                from = at + k.text().length();
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }
}

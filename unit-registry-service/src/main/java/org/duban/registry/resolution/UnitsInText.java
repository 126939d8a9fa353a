package org.duban.registry.resolution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the units a free text names itself ("市司法局要在2020年底前…"): the task text of a plan, as
 * opposed to its unit phrase. The text is brought to the normaliser's form ({@link PhraseNormalizer}:
 * NFKC, lower case, no whitespace, 人民政府 → 政府, 管理委员会 → 管委会) keeping where each character came
 * from, and searched for the index keys of the active units (the city-prefixed form 珠海市司法局 as well as
 * the key 市司法局); longest names first, no overlaps. Keys shorter than three characters are not looked
 * for (too many false hits in prose), nor a 市… key after 全 or 各 (see {@link #QUANTIFIERS}). Work is linear in the text: one lookup per position and key length.
 */
public final class UnitsInText {

    /** A unit named in the text: {@code text} as written there, {@code offset} its index (UTF-16) in the text. */
    public record Found(String unitCode, String text, int offset) {
    }

    static final int MIN_KEY_LENGTH = 3;

    /**
     * A key that starts with the city's level (市司法局, 市政府) does not start after these: 全市政府网站 is "the whole
     * city's government websites", not 市政府 (本市/我市司法局 do name the unit).
     */
    static final String QUANTIFIERS = "全各";

    private final Map<String, String> codeByKey = new HashMap<>();
    private final int[] lengths;
    private final char level;

    /** {@code keys}: index key → unit code (active units only); {@code cityName}/{@code level} as the normaliser's. */
    UnitsInText(Map<String, String> keys, String cityName, String level) {
        TreeSet<Integer> ls = new TreeSet<>(Comparator.reverseOrder());
        keys.forEach((k, code) -> {
            add(k, code, ls);
            if (cityName != null && k.startsWith(level) && k.length() > level.length()) {
                add(cityName + k.substring(level.length()), code, ls);
            }
        });
        lengths = ls.stream().mapToInt(Integer::intValue).toArray();
        this.level = level.isEmpty() ? '市' : level.charAt(0);
    }

    private void add(String key, String code, TreeSet<Integer> ls) {
        String k = Folded.of(key).text();
        if (k.length() >= MIN_KEY_LENGTH) {
            codeByKey.putIfAbsent(k, code);
            ls.add(k.length());
        }
    }

    List<Found> find(String text) {
        if (text == null || text.isEmpty() || lengths.length == 0) {
            return List.of();
        }
        Folded f = Folded.of(text);
        String n = f.text();
        record Hit(int start, int length, String code) {
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < n.length(); i++) {
            for (int len : lengths) {
                if (i + len <= n.length()) {
                    String code = codeByKey.get(n.substring(i, i + len));
                    if (code != null && !(n.charAt(i) == level && i > 0 && QUANTIFIERS.indexOf(n.charAt(i - 1)) >= 0)) {
                        hits.add(new Hit(i, len, code));
                        break;
                    }
                }
            }
        }
        hits.sort(Comparator.comparingInt(Hit::length).reversed().thenComparingInt(Hit::start));
        boolean[] taken = new boolean[n.length()];
        List<Found> found = new ArrayList<>();
        for (Hit h : hits) {
            boolean free = true;
            for (int i = h.start(); i < h.start() + h.length() && free; i++) {
                free = !taken[i];
            }
            if (free) {
                for (int i = h.start(); i < h.start() + h.length(); i++) {
                    taken[i] = true;
                }
                int from = f.from()[h.start()];
                int to = f.to()[h.start() + h.length() - 1];
                found.add(new Found(h.code(), text.substring(from, to), from));
            }
        }
        found.sort(Comparator.comparingInt(Found::offset));
        return found;
    }

    /**
     * A text in the normaliser's form, with {@code from[i]}/{@code to[i]}: the range of the original text
     * the i-th character comes from.
     */
    record Folded(String text, int[] from, int[] to) {

        static Folded of(String s) {
            StringBuilder out = new StringBuilder(s.length());
            List<int[]> ranges = new ArrayList<>(s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (!Character.isWhitespace(cp) && cp != '\u3000' && cp != '\u200b') {
                    String n = Normalizer.normalize(s.substring(i, next), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
                    for (int j = 0; j < n.length(); j++) {
                        if (!Character.isWhitespace(n.charAt(j))) {
                            out.append(n.charAt(j));
                            ranges.add(new int[]{i, next});
                        }
                    }
                }
                i = next;
            }
            // the normaliser's two contractions, keeping each kept character's origin
            String o = out.toString();
            StringBuilder t = new StringBuilder(o.length());
            List<int[]> kept = new ArrayList<>(ranges.size());
            for (int i = 0; i < o.length(); ) {
                if (o.startsWith("人民政府", i)) {
                    t.append('政').append('府');
                    kept.add(new int[]{ranges.get(i)[0], ranges.get(i + 2)[1]});
                    kept.add(ranges.get(i + 3));
                    i += 4;
                } else if (o.startsWith("管理委员会", i)) {
                    t.append('管').append('委').append('会');
                    kept.add(ranges.get(i));
                    kept.add(new int[]{ranges.get(i + 1)[0], ranges.get(i + 3)[1]});
                    kept.add(ranges.get(i + 4));
                    i += 5;
                } else {
                    t.append(o.charAt(i));
                    kept.add(ranges.get(i));
                    i++;
                }
            }
            int[] from = new int[kept.size()];
            int[] to = new int[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                from[i] = kept.get(i)[0];
                to[i] = kept.get(i)[1];
            }
            return new Folded(t.toString(), from, to);
        }
    }
}

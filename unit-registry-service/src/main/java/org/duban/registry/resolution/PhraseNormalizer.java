package org.duban.registry.resolution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Brings a name or a piece of a phrase to the one form the index is keyed by, so that the short
 * and full forms of a name, full-width and ASCII punctuation, and the city's prefix all meet:
 * <ul>
 * <li>NFKC: full-width brackets, commas, colons, letters and digits become ASCII;</li>
 * <li>whitespace removed, ASCII lower-cased;</li>
 * <li>人民政府 → 政府, 管理委员会 → 管委会;</li>
 * <li>the city's name as a prefix (珠海市司法局) → its level, the name's last character, 市 (市司法局;
 *     a county's 临朐县财政局 → 县财政局); a short city name (珠海高新区管委会) is dropped.</li>
 * </ul>
 */
public final class PhraseNormalizer {

    private final String cityName;
    private final List<String> cityShortNames;
    private final String level;

    public PhraseNormalizer(String cityName, List<String> cityShortNames) {
        this.cityName = cityName == null || cityName.isBlank() ? null : basic(cityName);
        List<String> shorts = new ArrayList<>();
        for (String s : cityShortNames == null ? List.<String>of() : cityShortNames) {
            if (s != null && !s.isBlank()) {
                shorts.add(basic(s));
            }
        }
        shorts.sort(Comparator.comparingInt(String::length).reversed());
        this.cityShortNames = List.copyOf(shorts);
        char last = this.cityName == null ? '市' : this.cityName.charAt(this.cityName.length() - 1);
        this.level = "市县区州旗盟".indexOf(last) >= 0 ? String.valueOf(last) : "市";
    }

    /** Width, case and whitespace only: what separates segments is decided on this form. */
    public static String basic(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000' || c == '\u200b') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT).trim();
    }

    /** The city's level, the last character of its name (珠海市 → 市, 临朐县 → 县, 济南市钢城区 → 区); 市 by default. */
    public String level() {
        return level;
    }

    /** The city's name as normalised, or null. */
    public String cityName() {
        return cityName;
    }

    /** The index key of a name or segment. */
    public String key(String s) {
        String k = basic(s).replace(" ", "");
        k = k.replace("人民政府", "政府").replace("管理委员会", "管委会");
        if (cityName != null && k.startsWith(cityName) && k.length() > cityName.length()) {
            k = level + k.substring(cityName.length());
        } else {
            for (String shortName : cityShortNames) {
                if (k.startsWith(shortName) && k.length() > shortName.length()) {
                    k = k.substring(shortName.length());
                    break;
                }
            }
        }
        return k;
    }
}

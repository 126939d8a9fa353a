package org.duban.common.csv;

/**
 * The one formula-injection guard of every CSV Duban writes (the ledger, the registry's sheets).
 * A cell that starts with =, +, -, @, TAB or CR is run as a formula by spreadsheets, so it gets a
 * leading ' (plain numbers such as -3 are left alone). Excel in locales whose list separator is ;
 * (de, fr, ru …) splits a line at every ; — also inside quotes when the quoted cell is not the
 * line's first — so each ;-separated part of a cell is guarded as a cell of its own.
 */
public final class CsvCells {

    private static final String TRIGGERS = "=+-@\t\r";

    private CsvCells() {
    }

    /** {@code s} with ' before each ;-separated part that a spreadsheet would run as a formula. */
    public static String defused(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ';') {
                String part = s.substring(start, i);
                if (formula(part)) {
                    out.append('\'');
                }
                out.append(part);
                if (i < s.length()) {
                    out.append(';');
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #defused}, for a sheet exported by Duban and imported again. */
    public static String restored(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ';') {
                String part = s.substring(start, i);
                out.append(part.startsWith("'") && formula(part.substring(1)) ? part.substring(1) : part);
                if (i < s.length()) {
                    out.append(';');
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** One RFC 4180 cell, defused, quoted when it holds a comma, a quote, a line break or a ;. */
    public static String field(String s) {
        String v = defused(s);
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.indexOf(';') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean formula(String part) {
        return !part.isEmpty() && TRIGGERS.indexOf(part.charAt(0)) >= 0 && !part.matches("-?\\d+(\\.\\d+)?");
    }
}

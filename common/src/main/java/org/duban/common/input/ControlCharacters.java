package org.duban.common.input;

/**
 * Control characters a caller may not send in any text: C0 controls except TAB, LF and CR, DEL,
 * and halves of a surrogate pair that stand alone (not text in any encoding). NUL cannot be stored
 * by PostgreSQL at all; the others are invisible in the UI and the ledger, and can forge log
 * lines or spreadsheet cells. Free text keeps its newlines and tabs.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first refused character of {@code s}, or -1. */
    public static int firstIn(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c == 0x7F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** What the caller is told about the refused character at {@code index}. */
    public static String message(CharSequence s, int index) {
        return String.format("contains the control character U+%04X at position %d (only TAB, LF and CR are allowed)",
                (int) s.charAt(index), index);
    }
}

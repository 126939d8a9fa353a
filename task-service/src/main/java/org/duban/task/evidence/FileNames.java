package org.duban.task.evidence;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The name an evidence file is kept and offered under: the last segment of what the client sent (a browser
 * may send {@code C:\fakepath\会议纪要.pdf}), NFC-normalised, without control or format characters, bounded.
 * The name is a label only: the type is decided by content ({@link EvidenceTypes}).
 */
public final class FileNames {

    private FileNames() {
    }

    /** Why a name is refused, for the field error. */
    public record Refusal(String reason) {
    }

    /** The clean name, or a refusal: empty after cleaning, or longer than {@code maxLength} characters. */
    public static Result clean(String sent, int maxLength) {
        if (sent == null) {
            return new Result(null, new Refusal("has no file name"));
        }
        String s = sent;
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        if (cut >= 0) {
            s = s.substring(cut + 1);
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                    && type != Character.PRIVATE_USE && type != Character.SURROGATE) {
                out.appendCodePoint(cp);
            }
        });
        String clean = out.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return new Result(null, new Refusal("has no usable file name"));
        }
        if (clean.codePointCount(0, clean.length()) > maxLength) {
            return new Result(null, new Refusal("file name longer than " + maxLength + " characters"));
        }
        return new Result(clean, null);
    }

    /** A clean name, or why there is none. */
    public record Result(String name, Refusal refusal) {
        public Optional<String> value() {
            return Optional.ofNullable(name);
        }
    }
}

package org.duban.task.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The forms a plan document comes in, told by its content (magic bytes), not by what the client
 * says: clients label files loosely (a .doc renamed .docx, HTML sent as text/plain, octet-stream).
 */
enum PlanFormat {
    TEXT, HTML, DOCX, DOC, PDF;

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** The wire name used in the preview ("text", "docx", …). */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the bytes are: PK zip = .docx, D0 CF 11 E0 (OLE2) = .doc, %PDF, markup = HTML, else text. */
    static PlanFormat sniff(byte[] b) {
        if (startsWith(b, 0x50, 0x4B, 0x03, 0x04)) {
            return DOCX;
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return DOC;
        }
        if (indexOfPdfMarker(b) >= 0) {
            return PDF;
        }
        return looksLikeHtml(b) ? HTML : TEXT;
    }

    /** The form the client claims by file name or content type; null when it claims none of the binary forms. */
    static PlanFormat declared(String contentType, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (name.endsWith(".docx") || type.contains("wordprocessingml")) {
            return DOCX;
        }
        if (name.endsWith(".doc") || type.contains("application/msword")) {
            return DOC;
        }
        if (name.endsWith(".pdf") || type.contains("application/pdf")) {
            return PDF;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** "%PDF-" within the first 1 KiB (some writers put junk before it, and readers accept that). */
    private static int indexOfPdfMarker(byte[] b) {
        int end = Math.min(b.length, 1024) - 5;
        for (int i = 0; i <= end; i++) {
            if (b[i] == '%' && b[i + 1] == 'P' && b[i + 2] == 'D' && b[i + 3] == 'F' && b[i + 4] == '-') {
                return i;
            }
        }
        return -1;
    }

    /** Markup at the start (after a BOM, blanks and comments): a saved page or HTML from the clipboard. */
    private static boolean looksLikeHtml(byte[] b) {
        // ASCII tags read the same in UTF-8 and GB18030
        String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int i = head.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0;
        while (true) {
            while (i < head.length() && Character.isWhitespace(head.charAt(i))) {
                i++;
            }
            if (head.startsWith("<!--", i)) {
                int end = head.indexOf("-->", i);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
                continue;
            }
            break;
        }
        String rest = head.substring(i);
        if (rest.startsWith("<!doctype html") || rest.startsWith("<html") || rest.startsWith("<?xml") && rest.contains("<html")
                || rest.startsWith("<head") || rest.startsWith("<body") || rest.startsWith("<meta")
                || rest.startsWith("<table") || rest.startsWith("<div") || rest.startsWith("<p>") || rest.startsWith("<p ")) {
            return true;
        }
        // clipboard HTML ("Version:0.9 StartHTML:…") or a fragment that opens with text but holds a table
        return rest.startsWith("version:") && rest.contains("<html") || head.contains("<table") && head.contains("</td>");
    }

    /** Thrown when text is in neither UTF-8 nor GB18030, or holds control characters (binary data). */
    static final class NotTextException extends Exception {
        NotTextException() {
            super("not text");
        }
    }

    /**
     * The text of bytes in UTF-8 or, when they are not valid UTF-8, in GB18030 (the superset of GBK
     * and GB2312 that older Chinese office PCs still save in). A BOM is dropped.
     */
    static String decodeText(byte[] b) throws NotTextException {
        String s;
        try {
            s = strict(StandardCharsets.UTF_8, b);
        } catch (CharacterCodingException e) {
            try {
                s = strict(GB18030, b);
            } catch (CharacterCodingException notGb) {
                throw new NotTextException();
            }
        }
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        // binary data can still decode: text has no control characters but line breaks, tabs and form feeds
        if (s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
            throw new NotTextException();
        }
        return s;
    }

    static boolean isUtf8(byte[] b) {
        try {
            strict(StandardCharsets.UTF_8, b);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strict(Charset cs, byte[] b) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b)).toString();
    }
}

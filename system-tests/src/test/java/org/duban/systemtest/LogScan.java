package org.duban.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds secrets in log lines: any of the given values, and anything shaped like a JWT (a base64url
 * JSON header, {@code eyJ…}). A JSON log line (the prod profile) is searched as written and with its
 * string values decoded, so an escaped character ({@code \/}, {@code \u002b}) cannot hide a secret.
 */
final class LogScan {

    /** A JWT's header starts with {"  → eyJ in base64url; 10 more characters rule out a word that happens to start so. */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogScan() {
    }

    /** The lines holding a secret, each with what was found (never the secret itself). */
    static List<String> findings(List<String> lines, Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String decoded = decoded(line);
            for (String text : decoded == null ? List.of(line) : List.of(line, decoded)) {
                String what = null;
                int n = 0;
                for (String s : secrets) {
                    n++;
                    if (!s.isEmpty() && text.contains(s)) {
                        what = "secret #" + n;
                        break;
                    }
                }
                if (what == null && JWT.matcher(text).find()) {
                    what = "a JWT (eyJ…)";
                }
                if (what != null) {
                    found.add("line " + (i + 1) + ": " + what + " in " + redact(line, secrets));
                    break;
                }
            }
        }
        return found;
    }

    /** The string values of a JSON line joined (decoded), or null for a line that is not a JSON object. */
    static String decoded(String line) {
        String t = line.strip();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(t);
            StringBuilder out = new StringBuilder();
            collect(n, out);
            return out.toString();
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void collect(JsonNode n, StringBuilder out) {
        if (n.isTextual()) {
            out.append(n.asText()).append('\n');
        } else {
            n.forEach(child -> collect(child, out));
        }
    }

    /** The line with the secrets and anything JWT-shaped cut out: a failure report must not spread them further. */
    private static String redact(String line, Collection<String> secrets) {
        String r = line;
        for (String s : secrets) {
            if (!s.isEmpty()) {
                r = r.replace(s, "<secret>");
            }
        }
        r = JWT.matcher(r).replaceAll("<jwt>");
        return r.length() > 300 ? r.substring(0, 300) + "…" : r;
    }
}

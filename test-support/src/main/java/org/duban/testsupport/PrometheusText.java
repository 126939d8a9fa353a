package org.duban.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text format of /q/metrics, read as samples — the one parser the tests that scrape
 * use (task-service, notification-service, system-tests). A sample line is
 * {@code name{label="value",…} value [timestamp] [# {exemplar labels} value [timestamp]]}: a label
 * value may hold {@code \" \\ \n , { }}, the label list may end with a comma, and with OpenTelemetry
 * on a counter carries an exemplar (the span it was last counted in) after the value.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return samples;
    }

    static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // past ="
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        c = line.charAt(++j);
                        value.append(c == 'n' ? '\n' : c);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        // the value is the first field after the labels; a timestamp and an exemplar may follow
        String[] rest = line.substring(i).strip().split("\\s+");
        return new Sample(name, labels, Double.parseDouble(rest[0].replace("Inf", "Infinity")));
    }
}

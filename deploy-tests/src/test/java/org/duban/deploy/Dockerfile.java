package org.duban.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as its instructions (comments dropped, continuation lines joined), and the rules Duban's
 * images must keep (issue 17): the Quarkus fast-jar layout, a non-root user, JVM options for a container.
 * {@link #problems} lists every rule broken, so a test shows all of them at once.
 */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments) {
    }

    /** The four fast-jar layers Quarkus generates, in order: source under target/quarkus-app → /deployments. */
    static final List<String[]> FAST_JAR_LAYERS = List.of(
            new String[] {"target/quarkus-app/lib/", "/deployments/lib/"},
            new String[] {"target/quarkus-app/*.jar", "/deployments/"},
            new String[] {"target/quarkus-app/app/", "/deployments/app/"},
            new String[] {"target/quarkus-app/quarkus/", "/deployments/quarkus/"});

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && pending.length() == 0) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String whole = pending.toString().strip();
            pending.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            int space = whole.indexOf(' ');
            instructions.add(space < 0
                    ? new Instruction(whole.toUpperCase(Locale.ROOT), "")
                    : new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1).strip()));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** ENV values, later ones winning; both ENV KEY=value and the legacy ENV KEY value. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)");
        for (Instruction i : all("ENV")) {
            Matcher m = pair.matcher(i.arguments());
            boolean any = false;
            while (m.find()) {
                any = true;
                String value = m.group(2);
                if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(m.group(1), value);
            }
            if (!any) {
                String[] legacy = i.arguments().split("\\s+", 2);
                env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
            }
        }
        return env;
    }

    /** Every rule of Duban's images this Dockerfile breaks; empty when it keeps them all. */
    List<String> problems(int httpPort) {
        List<String> problems = new ArrayList<>();
        // fast-jar: the four layers, in that order, owned by the runtime user, and quarkus-run.jar is what runs
        List<Instruction> copies = all("COPY");
        int from = 0;
        for (String[] layer : FAST_JAR_LAYERS) {
            int found = -1;
            for (int k = from; k < copies.size(); k++) {
                String[] words = copies.get(k).arguments().split("\\s+");
                if (words.length >= 2 && words[words.length - 2].equals(layer[0]) && words[words.length - 1].equals(layer[1])) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                problems.add("no fast-jar layer COPY " + layer[0] + " " + layer[1] + " (in order)");
            } else {
                if (!copies.get(found).arguments().contains("--chown=185")) {
                    problems.add("COPY " + layer[0] + " is not --chown=185");
                }
                from = found + 1;
            }
        }
        if (copies.stream().anyMatch(c -> c.arguments().contains("-runner.jar"))) {
            problems.add("copies a *-runner.jar (uber-jar or legacy-jar), not the fast-jar");
        }
        Map<String, String> env = env();
        if (!"/deployments/quarkus-run.jar".equals(env.get("JAVA_APP_JAR"))) {
            problems.add("JAVA_APP_JAR is not /deployments/quarkus-run.jar but " + env.get("JAVA_APP_JAR"));
        }
        // non-root: the last USER is a non-zero numeric uid (Kubernetes' runAsNonRoot can only verify a number)
        List<Instruction> users = all("USER");
        if (users.isEmpty()) {
            problems.add("no USER: the image would run as root");
        } else {
            String user = users.get(users.size() - 1).arguments().split(":")[0];
            if (!user.matches("\\d+") || Integer.parseInt(user) == 0) {
                problems.add("the last USER is " + user + ", not a non-zero numeric uid");
            }
            int lastUser = instructions.lastIndexOf(users.get(users.size() - 1));
            int entrypoint = instructions.indexOf(all("ENTRYPOINT").isEmpty() ? null : all("ENTRYPOINT").get(0));
            if (entrypoint >= 0 && lastUser > entrypoint) {
                problems.add("USER comes after ENTRYPOINT");
            }
        }
        // JVM options for a container: heap as a share of the memory limit, C2, exit on OOM
        String jvm = String.join(" ", env.getOrDefault("JAVA_OPTS", ""), env.getOrDefault("JAVA_OPTS_APPEND", ""),
                env.getOrDefault("JAVA_TOOL_OPTIONS", ""), env.getOrDefault("GC_CONTAINER_OPTIONS", ""));
        String everything = instructions.stream().map(i -> i.keyword() + " " + i.arguments()).reduce("", (a, b) -> a + "\n" + b);
        String ratio = env.get("JAVA_MAX_MEM_RATIO");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(jvm);
        double share = percentage.find() ? Double.parseDouble(percentage.group(1))
                : ratio != null && ratio.matches("\\d+") ? Double.parseDouble(ratio) : -1;
        if (share < 50 || share > 85) {
            problems.add("the heap is not set as 50-85 % of the container's memory (JAVA_MAX_MEM_RATIO or "
                    + "-XX:MaxRAMPercentage): " + (share < 0 ? "unset" : share));
        }
        if (Pattern.compile("-Xmx\\S+|-XX:MaxHeapSize").matcher(everything).find()) {
            problems.add("a fixed -Xmx defeats the share of the container's memory limit");
        }
        if (everything.contains("TieredStopAtLevel")) {
            problems.add("TieredStopAtLevel keeps the JIT from C2");
        }
        if (env.containsKey("JAVA_OPTS")) {
            problems.add("sets JAVA_OPTS: run-java.sh then drops every option it computes (heap share, GC, exit on OOM)");
        }
        if (!jvm.contains("-XX:+ExitOnOutOfMemoryError")) {
            problems.add("no -XX:+ExitOnOutOfMemoryError in the JVM options");
        }
        // the service's own port
        List<String> exposed = all("EXPOSE").stream().flatMap(e -> List.of(e.arguments().split("\\s+")).stream()).toList();
        if (!exposed.equals(List.of(String.valueOf(httpPort)))) {
            problems.add("EXPOSE " + exposed + " is not the service's port " + httpPort);
        }
        return problems;
    }
}

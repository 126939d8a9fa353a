package org.duban.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the repository the image and Compose checks read: found upwards from Maven's working directory. */
final class DeployTree {
    /** The three services that are images, with their HTTP port (quarkus.http.port), in build order. */
    static final List<String> SERVICES = List.of("unit-registry-service", "task-service", "notification-service");

    private DeployTree() {
    }

    static Path root() {
        return RepositoryRoot.find();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** KEY=value lines of a shell-sourced file such as deploy/images/images.env (quotes around a value dropped). */
    static Map<String, String> envFile(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not KEY=value: " + line);
            }
            String value = trimmed.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(trimmed.substring(0, eq), value);
        }
        return values;
    }

    /** A service's quarkus.http.port from its application.properties. */
    static int httpPort(String service) {
        Matcher m = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)\\s*$")
                .matcher(read(service + "/src/main/resources/application.properties"));
        if (!m.find()) {
            throw new IllegalStateException(service + " sets no quarkus.http.port");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The database a service connects to: the duban_* path segment of its quarkus.datasource.jdbc.url. */
    static String database(String service) {
        Matcher m = Pattern.compile("(?m)^quarkus\\.datasource\\.jdbc\\.url=.*?/(duban_\\w+)")
                .matcher(read(service + "/src/main/resources/application.properties"));
        if (!m.find()) {
            throw new IllegalStateException(service + " sets no quarkus.datasource.jdbc.url ending in a database");
        }
        return m.group(1);
    }

    /** The project version from the parent pom (the first <version> after <artifactId>duban-parent). */
    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>duban-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("no duban-parent version in pom.xml");
        }
        return m.group(1);
    }
}

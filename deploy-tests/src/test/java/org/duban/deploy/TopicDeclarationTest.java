package org.duban.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.duban.common.messaging.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One topic declaration (common's {@link Topics}): the production files are generated from it and
 * every topic a service's configuration names is in it.
 */
class TopicDeclarationTest {

    private static final Pattern TOPIC_KEY =
            Pattern.compile("^(?:%[^.]+\\.)?mp\\.messaging\\.(?:incoming|outgoing)\\.([^.]+)\\.topic$");

    private final Path root = RepositoryRoot.find();

    @Test
    void theStrimziKafkaTopicsAreGeneratedFromTheDeclaration() throws IOException {
        assertGenerated(TopicFiles.KAFKA_TOPICS, TopicFiles.kafkaTopicsYaml());
    }

    @Test
    void theComposeTopicScriptIsGeneratedFromTheDeclaration() throws IOException {
        assertGenerated(TopicFiles.COMPOSE_SCRIPT, TopicFiles.composeScript());
        assertTrue(Files.isExecutable(root.resolve(TopicFiles.COMPOSE_SCRIPT)),
                TopicFiles.COMPOSE_SCRIPT + " must be executable; regenerate: " + TopicFiles.REGENERATE);
    }

    @Test
    void everyKafkaTopicObjectCarriesTheProductionSettings() throws IOException {
        List<JsonNode> objects = yamlDocuments(TopicFiles.kafkaTopicsYaml());
        assertEquals(Topics.ALL.size(), objects.size());
        for (Topics.Topic t : Topics.ALL) {
            JsonNode o = objects.stream().filter(n -> t.name().equals(n.at("/spec/topicName").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + t.name()));
            assertEquals(TopicFiles.STRIMZI_API, o.path("apiVersion").asText());
            assertEquals("KafkaTopic", o.path("kind").asText());
            assertEquals("duban-kafka", o.at("/metadata/labels/strimzi.io~1cluster").asText());
            assertEquals(t.partitions(), o.at("/spec/partitions").asInt(), t.name());
            assertEquals(3, o.at("/spec/replicas").asInt(), t.name());
            assertEquals(2, o.at("/spec/config/min.insync.replicas").asInt(), t.name());
            assertEquals(t.cleanup().kafkaName, o.at("/spec/config/cleanup.policy").asText(), t.name());
            assertEquals(t.retention().map(r -> r.toMillis()).orElse(-1L),
                    o.at("/spec/config/retention.ms").asLong(-1L), t.name());
        }
        assertEquals("compact", Topics.named(Topics.UNITS).orElseThrow().cleanup().kafkaName);
        assertEquals(3, Topics.named(Topics.TASK_EVENTS).orElseThrow().partitions());
    }

    @Test
    void everyTopicAServiceConfigurationNamesIsDeclared() throws IOException {
        Map<String, String> named = new TreeMap<>();
        for (Path file : configurationFiles()) {
            named.putAll(topicsNamedIn(root.relativize(file).toString(), read(file)));
        }
        // the three services' channels: outbox ×3, units ×2, unit-groups ×2, task-events; never vacuous
        assertTrue(named.size() >= 8, "found only " + named + " in " + configurationFiles());
        List<String> undeclared = undeclared(named);
        assertTrue(undeclared.isEmpty(), "topics named in configuration but not declared in "
                + Topics.class.getName() + ": " + undeclared);
    }

    @Test
    void anUndeclaredTopicInAConfigurationIsFound() throws IOException {
        String properties = """
                mp.messaging.outgoing.outbox.topic=duban.task-events
                %prod.mp.messaging.incoming.audit.topic=duban.audit
                mp.messaging.incoming.units.group.id=duban.not-a-topic
                """;
        Map<String, String> named = topicsNamedIn("fixture.properties", properties);
        assertEquals(2, named.size(), named.toString());
        assertEquals(List.of("fixture.properties %prod.mp.messaging.incoming.audit.topic=duban.audit"), undeclared(named));
    }

    private void assertGenerated(Path relative, String expected) throws IOException {
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            fail(relative + " is missing; generate it: " + TopicFiles.REGENERATE);
        }
        if (!expected.equals(Files.readString(file, StandardCharsets.UTF_8))) {
            fail(relative + " differs from " + Topics.class.getName() + " (edited by hand, or the declaration changed);"
                    + " regenerate it: " + TopicFiles.REGENERATE);
        }
    }

    /** The configuration files of every module: application.properties and common's defaults. */
    private List<Path> configurationFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                Path app = m.resolve("src/main/resources/application.properties");
                Path defaults = m.resolve("src/main/resources/META-INF/microprofile-config.properties");
                if (Files.isRegularFile(app)) {
                    files.add(app);
                }
                if (Files.isRegularFile(defaults)) {
                    files.add(defaults);
                }
            }
        }
        return files;
    }

    /** "file key=value" → topic, for every channel topic the properties set (in any profile). */
    static Map<String, String> topicsNamedIn(String file, String properties) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(properties)) {
            p.load(r);
        }
        Map<String, String> named = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = TOPIC_KEY.matcher(key);
            if (m.matches()) {
                named.put(file + " " + key + "=" + p.getProperty(key), p.getProperty(key).trim());
            }
        }
        return named;
    }

    static List<String> undeclared(Map<String, String> named) {
        return named.entrySet().stream().filter(e -> Topics.named(e.getValue()).isEmpty()).map(Map.Entry::getKey).toList();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static List<JsonNode> yamlDocuments(String yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode() && !n.isEmpty()) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }
}

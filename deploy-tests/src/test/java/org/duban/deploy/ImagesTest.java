package org.duban.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The images' Dockerfiles (read as text: no container engine needed) and the one place their names and tag live
 * (deploy/images/images.env) against every copy: Compose, .env.example, Kustomize.
 */
class ImagesTest {

    private static final String GOOD = """
            ARG BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23
            FROM ${BASE_IMAGE}
            COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
            COPY --chown=185 target/quarkus-app/*.jar /deployments/
            COPY --chown=185 target/quarkus-app/app/ /deployments/app/
            COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/
            EXPOSE 8082
            USER 185
            ENV JAVA_MAX_MEM_RATIO=75
            ENV JAVA_OPTS_APPEND="-XX:+ExitOnOutOfMemoryError \\
                -Dquarkus.http.host=0.0.0.0"
            ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
            ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
            """;

    @Test
    void everyServiceDockerfileRunsTheFastJarAsNonRootWithContainerJvmOptions() {
        List<String> problems = new ArrayList<>();
        for (String service : DeployTree.SERVICES) {
            String file = service + "/src/main/docker/Dockerfile.jvm";
            assertTrue(Files.isRegularFile(DeployTree.path(file)), file + " is missing");
            Dockerfile dockerfile = Dockerfile.parse(DeployTree.read(file));
            dockerfile.problems(DeployTree.httpPort(service)).forEach(p -> problems.add(file + ": " + p));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theRulesAcceptAGoodDockerfile() {
        assertEquals(List.of(), Dockerfile.parse(GOOD).problems(8082));
    }

    @Test
    void aDockerfileThatRunsAsRootIsRefused() {
        assertProblem(GOOD.replace("USER 185", "USER 185\nRUN true\nUSER root"), "the last USER is root");
        assertProblem(GOOD.replace("USER 185\n", ""), "no USER");
        assertProblem(GOOD.replace("USER 185", "USER jboss"), "the last USER is jboss");
    }

    @Test
    void aDockerfileWithoutTheFastJarLayoutIsRefused() {
        assertProblem(GOOD.replace("COPY --chown=185 target/quarkus-app/app/ /deployments/app/\n", ""),
                "no fast-jar layer COPY target/quarkus-app/app/");
        assertProblem(GOOD.replace("/deployments/quarkus-run.jar", "/deployments/app.jar"), "JAVA_APP_JAR");
        assertProblem(GOOD + "COPY target/*-runner.jar /deployments/quarkus-run.jar\n", "-runner.jar");
    }

    @Test
    void jvmOptionsThatIgnoreTheContainerOrStopAtC1AreRefused() {
        assertProblem(GOOD.replace("ENV JAVA_MAX_MEM_RATIO=75\n", ""), "the heap is not set");
        assertProblem(GOOD.replace("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"),
                "TieredStopAtLevel");
        assertProblem(GOOD.replace("-XX:+ExitOnOutOfMemoryError", "-Xmx512m"), "no -XX:+ExitOnOutOfMemoryError");
        assertProblem(GOOD.replace("-XX:+ExitOnOutOfMemoryError", "-Xmx512m -XX:+ExitOnOutOfMemoryError"), "a fixed -Xmx");
        assertProblem(GOOD, 8081, "EXPOSE [8082] is not the service's port 8081");
        assertProblem(GOOD + "ENV JAVA_OPTS=\"\"\n", "sets JAVA_OPTS");
    }

    @Test
    void aCommentMentioningAFlagIsNotAnInstruction() {
        assertEquals(List.of(), Dockerfile.parse("# no -XX:TieredStopAtLevel, no USER root\n" + GOOD).problems(8082));
    }

    @Test
    void imagesEnvIsTheOnePlaceOfNamesAndTagAndTheTagIsTheProjectVersion() {
        Map<String, String> images = imagesEnv();
        assertEquals("duban", images.get("DUBAN_IMAGE_NAMESPACE"));
        assertEquals(DeployTree.SERVICES, Arrays.asList(images.get("DUBAN_IMAGE_SERVICES").split("\\s+")),
                "DUBAN_IMAGE_SERVICES in deploy/images/images.env");
        assertEquals(DeployTree.projectVersion().replaceFirst("-SNAPSHOT$", ""), images.get("DUBAN_IMAGE_TAG"),
                "DUBAN_IMAGE_TAG in deploy/images/images.env must be the project version (pom.xml) without -SNAPSHOT");
        // every module with a Dockerfile.jvm is one of the images, and no other
        try (Stream<Path> modules = Files.list(DeployTree.root())) {
            List<String> withDockerfile = modules
                    .filter(m -> Files.isRegularFile(m.resolve("src/main/docker/Dockerfile.jvm")))
                    .map(m -> m.getFileName().toString()).sorted().toList();
            assertEquals(DeployTree.SERVICES.stream().sorted().toList(), withDockerfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void composeAndItsEnvExampleNameTheImagesOfImagesEnv() throws IOException {
        Map<String, String> images = imagesEnv();
        String tag = images.get("DUBAN_IMAGE_TAG");
        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(DeployTree.read("deploy/compose/compose.yaml")).path("services");
        List<String> problems = new ArrayList<>();
        for (String service : DeployTree.SERVICES) {
            String expected = "${DUBAN_IMAGE_REGISTRY:-}" + images.get("DUBAN_IMAGE_NAMESPACE") + "/" + service
                    + ":${DUBAN_IMAGE_TAG:-" + tag + "}";
            for (String composeService : List.of(service, service + "-migrate")) {
                String image = services.path(composeService).path("image").asText();
                if (!expected.equals(image)) {
                    problems.add(composeService + ": image " + image + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(tag, DeployTree.envFile(DeployTree.read("deploy/compose/.env.example")).get("DUBAN_IMAGE_TAG"),
                "DUBAN_IMAGE_TAG in deploy/compose/.env.example");
    }

    /** Kustomize's images: entries for duban/* (deploy/k8s, written beside this work) carry images.env's tag. */
    @Test
    void kustomizeImageEntriesCarryTheTagOfImagesEnv() throws IOException {
        Map<String, String> images = imagesEnv();
        Path k8s = DeployTree.path("deploy/k8s");
        if (!Files.isDirectory(k8s)) {
            return; // nothing to compare yet: KustomizeRenderTest fails when deploy/k8s is missing
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(k8s)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                for (JsonNode entry : yaml.readTree(file.toFile()).path("images")) {
                    String name = entry.path("name").asText();
                    if (!name.startsWith(images.get("DUBAN_IMAGE_NAMESPACE") + "/") || !entry.has("newTag")) {
                        continue;
                    }
                    if (!entry.path("newTag").asText().equals(images.get("DUBAN_IMAGE_TAG"))) {
                        problems.add(DeployTree.root().relativize(file) + ": " + name + " newTag "
                                + entry.path("newTag").asText() + ", images.env has " + images.get("DUBAN_IMAGE_TAG"));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Map<String, String> imagesEnv() {
        return DeployTree.envFile(DeployTree.read("deploy/images/images.env"));
    }

    private static void assertProblem(String dockerfile, String expected) {
        assertProblem(dockerfile, 8082, expected);
    }

    private static void assertProblem(String dockerfile, int port, String expected) {
        List<String> problems = Dockerfile.parse(dockerfile).problems(port);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem \"" + expected + "\" in " + problems);
    }
}

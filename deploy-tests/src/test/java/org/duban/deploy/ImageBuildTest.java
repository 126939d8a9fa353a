package org.duban.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one documented image build command, deploy/images/build.sh, run for real where a container engine answers
 * (`docker info` or `podman info` succeeds): the three images build, run as uid 185, expose the service's port and
 * hold the fast-jar. Elsewhere the build is skipped with the reason (like the browser test without Chromium), and
 * the command's own refusal without an engine is checked instead.
 */
class ImageBuildTest {

    private static String engine;

    @BeforeAll
    static void findEngine() {
        for (String candidate : List.of("docker", "podman")) {
            if (run(List.of(candidate, "info"), 60).exit() == 0) {
                engine = candidate;
                return;
            }
        }
    }

    @Test
    void buildScriptBuildsTheThreeImagesNonRootWithTheFastJar() {
        assumeTrue(engine != null, "Image build NOT exercised: no container engine answers here (`docker info` and"
                + " `podman info` both fail; this machine may have the docker CLI without a daemon). Run"
                + " deploy/images/build.sh where Docker or Podman runs; it needs registry.access.redhat.com (or"
                + " DUBAN_BASE_IMAGE pointing at a mirror) for the base image.");
        String tag = "build-test-" + ProcessHandle.current().pid();
        boolean packaged = DeployTree.SERVICES.stream()
                .allMatch(s -> Files.isRegularFile(DeployTree.path(s + "/target/quarkus-app/quarkus-run.jar")));
        List<String> command = new ArrayList<>(List.of("bash", "deploy/images/build.sh", "--engine", engine, "--tag", tag));
        if (packaged) {
            command.add("--no-package"); // the reactor packaged the services before this module's tests
        }
        try {
            Result build = run(command, 1800);
            assertEquals(0, build.exit(), "deploy/images/build.sh failed:\n" + build.output());
            for (String service : DeployTree.SERVICES) {
                String image = "duban/" + service + ":" + tag;
                Result inspect = run(List.of(engine, "image", "inspect", "--format",
                        "{{.Config.User}} {{json .Config.ExposedPorts}}", image), 60);
                assertEquals(0, inspect.exit(), inspect.output());
                assertTrue(inspect.output().strip().startsWith("185 "), image + " user: " + inspect.output());
                assertTrue(inspect.output().contains("\"" + DeployTree.httpPort(service) + "/tcp\""),
                        image + " ports: " + inspect.output());
                Result layout = run(List.of(engine, "run", "--rm", "--entrypoint", "ls", image,
                        "/deployments/quarkus-run.jar", "/deployments/lib/boot", "/deployments/lib/main",
                        "/deployments/app", "/deployments/quarkus"), 120);
                assertEquals(0, layout.exit(), image + " lacks the fast-jar layout:\n" + layout.output());
                Result uid = run(List.of(engine, "run", "--rm", "--entrypoint", "id", image, "-u"), 120);
                assertEquals("185", uid.output().strip(), image + " runs as");
            }
        } finally {
            for (String service : DeployTree.SERVICES) {
                run(List.of(engine, "rmi", "duban/" + service + ":" + tag), 120);
            }
        }
    }

    @Test
    void buildScriptSaysWhyWhenNoEngineAnswers() {
        assumeTrue(engine == null, "a container engine answers here: the build itself is exercised instead");
        Result result = run(List.of("bash", "deploy/images/build.sh", "--no-package"), 120);
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("No container engine answers"), result.output());
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(DeployTree.root().toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            // the output is read on another thread so a chatty build cannot block on a full pipe
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process was killed
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(5000);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n" + output);
            }
            reader.join(5000);
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            return new Result(-1, command.get(0) + " cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.duban.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One Duban service running as its own process from its built artifact
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}): used by the local run and the system tests.
 */
public final class ServiceProcess {

    /** The three services: module directory, HTTP port in the local run, database name. */
    public enum Service {
        REGISTRY("unit-registry-service", 8081, "duban_registry"),
        TASK("task-service", 8082, "duban_task"),
        NOTIFICATION("notification-service", 8083, "duban_notification");

        public final String module;
        public final int defaultPort;
        public final String database;

        Service(String module, int defaultPort, String database) {
            this.module = module;
            this.defaultPort = defaultPort;
            this.database = database;
        }

        public Path runner(Path projectRoot) {
            return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    /**
     * The JVM flags a service process runs with. The local run and the tests want a quick start; a
     * benchmark wants what a production deployment would run, or it measures the wrong compiler.
     */
    public enum Jvm {
        /**
         * Local run and tests: C1 only (starts fast, slower steady state), a small heap, and the classes of an
         * earlier start mapped from an archive ({@link ClassDataSharing}).
         */
        LOCAL(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), true),
        /**
         * Production: the JDK's full tiered JIT (C1, then C2 for hot code; no TieredStopAtLevel), a fixed
         * 512 MB heap, G1 named explicitly (a JVM that sees under 2 CPUs or 1792 MB picks Serial by
         * itself), and an out-of-memory error ends the process so the orchestrator restarts it.
         */
        PRODUCTION(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"), false);

        public final List<String> flags;
        /** Whether the process maps (or makes) the service's class archive: a start-up saving, not in {@link #flags}. */
        final boolean classDataSharing;

        Jvm(List<String> flags, boolean classDataSharing) {
            this.flags = flags;
            this.classDataSharing = classDataSharing;
        }
    }

    private final Service service;
    private final int port;
    private final Process process;
    private final Path log;
    /** The process's class archive, or null (none: {@link Jvm#PRODUCTION}, or switched off). */
    private final ClassDataSharing cds;

    private ServiceProcess(Service service, int port, Process process, Path log, ClassDataSharing cds) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
        this.cds = cds;
    }

    /**
     * Starts the service. {@code env} carries DUBAN_DB_URL, KAFKA_BOOTSTRAP_SERVERS and any
     * other setting (as environment variables, the way a container would get them).
     */
    public static ServiceProcess start(Path projectRoot, Service service, int port, Map<String, String> env, Path log)
            throws IOException {
        return start(projectRoot, service, port, env, log, Jvm.LOCAL);
    }

    /** Starts the service with the given JVM flags. */
    public static ServiceProcess start(Path projectRoot, Service service, int port, Map<String, String> env, Path log,
                                       Jvm jvm) throws IOException {
        return start(projectRoot, service, port, env, log, jvm, List.of());
    }

    /**
     * Starts the service with the given JVM flags and {@code extraFlags} after them (the benchmark harness's
     * opt-in flight recording, {@code -XX:StartFlightRecording=…}).
     */
    public static ServiceProcess start(Path projectRoot, Service service, int port, Map<String, String> env, Path log,
                                       Jvm jvm, List<String> extraFlags) throws IOException {
        Path runner = service.runner(projectRoot);
        if (!Files.exists(runner)) {
            throw new IOException(runner + " is missing: build the project first (./mvnw package -DskipTests)");
        }
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm.flags);
        ClassDataSharing cds = jvm.classDataSharing && ClassDataSharing.enabled()
                ? ClassDataSharing.forRunner(runner) : null;
        if (cds != null) {
            cmd.addAll(cds.flags());
        }
        cmd.addAll(extraFlags);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-jar");
        cmd.add(runner.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new ServiceProcess(service, port, pb.start(), log, cds);
    }

    public Service service() {
        return service;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's id of the process (a test maps a socket to the replica that opened it). */
    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /q/health/ready} answers 200 (database and Kafka reachable). */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(service.module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(service.module + " was not ready within " + timeout + "; see " + log);
    }

    /**
     * Waits for the process to end by itself (e.g. a start it refused): its exit code, or empty
     * if it is still running after {@code timeout}.
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        ended(true);
        return OptionalInt.of(process.exitValue());
    }

    /** SIGTERM and wait: Quarkus shuts down gracefully (and a process that writes its class archive, that too). */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
        }
        awaitStopped();
    }

    /** After SIGTERM: waits for the end (SIGKILL after 20 s, or 120 s while the class archive is written). */
    private void awaitStopped() throws InterruptedException {
        if (process.isAlive() && !process.waitFor(cds != null && cds.writesAtExit() ? 120 : 20, TimeUnit.SECONDS)) {
            kill();
            return;
        }
        ended(true);
    }

    /**
     * {@link #stop()} for several processes at once: SIGTERM to each, then wait for each. Their graceful shutdowns
     * (seconds each: Kafka consumers leaving their groups, a class archive written) overlap instead of adding up.
     */
    public static void stopAll(Collection<ServiceProcess> processes) throws InterruptedException {
        for (ServiceProcess p : processes) {
            if (p.process.isAlive()) {
                p.process.destroy();
            }
        }
        for (ServiceProcess p : processes) {
            p.awaitStopped();
        }
    }

    /** SIGKILL: the process dies at once, mid-whatever, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        ended(false);
    }

    private void ended(boolean whole) {
        if (cds != null && !process.isAlive()) {
            cds.processEnded(whole);
        }
    }
}

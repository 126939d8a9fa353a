package org.duban.systemtest;

import org.duban.infra.ServiceProcess;
import org.duban.infra.ServiceProcess.Service;
import org.duban.infra.Ports;
import org.duban.infra.TestInfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite for system tests: the JVM's real PostgreSQL and Kafka ({@link TestInfra}) and
 * the three services as separate processes from their packaged artifacts, started once per JVM.
 */
public final class Suite {

    private static Suite instance;

    final Path root = Path.of(System.getProperty("duban.root", "..")).toAbsolutePath().normalize();
    final Path logs = root.resolve("system-tests/target/service-logs");
    final TestInfra infra;
    private final ServiceProcess.Jvm jvm;
    private final Map<String, String> settings;
    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    /** The extra settings each running service was started with ({@link #start}); empty: the suite's own. */
    private final Map<Service, Map<String, String>> extras = new EnumMap<>(Service.class);

    private Suite(ServiceProcess.Jvm jvm, boolean durableDatabase, Map<String, String> settings) {
        this.infra = TestInfra.get(durableDatabase);
        this.jvm = jvm;
        this.settings = Map.copyOf(settings);
        for (Service s : Service.values()) {
            infra.database(s.database);
            ports.put(s, Ports.free());
        }
        // the services verify tokens with the test JVM's key set; requests carry a supervisor's
        // token unless a test chooses another caller (given().auth().oauth2(…) / .auth().none())
        io.restassured.RestAssured.authentication =
                io.restassured.RestAssured.oauth2(org.duban.testsupport.security.TestKeys.token("supervisor"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "duban-suite-stop"));
    }

    /**
     * The Kafka consumers' poll timeout at 250 ms, not SmallRye's 1 s, for the services the tests start. A graceful
     * stop (SIGTERM) sleeps twice the poll timeout for each incoming channel, one channel after another, before it
     * commits what was processed and closes: 8 of notification-service's 10 s to stop (4 channels) and 4 of
     * task-service's 5 s (2), paid at each of the system tests' ~20 graceful stops. With 250 ms a stop still gives
     * the records in flight a grace (0.5 s a channel) and commits the processed offsets; a record not processed by
     * then comes again after the restart, for the consumers' dedupe by event id, as after a crash. A poll still
     * returns as soon as records arrive, so no delivery waits longer. Not for {@link #production()}: the benchmark
     * runs the services as deployed.
     */
    static final Map<String, String> QUICK_CONSUMER_STOP = Map.of("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_POLL_TIMEOUT", "250");

    /**
     * Opt-in, for the benchmark harness only: {@code -Dduban.benchmark.jfr=DIR} records each service process
     * with JDK Flight Recorder ({@code settings=profile}) into {@code DIR/<module>.jfr}, written when the
     * process stops. Unset (the default) adds no flag.
     */
    static final String JFR_DIR = "duban.benchmark.jfr";

    /**
     * The suite, with every service started with the suite's own settings and ready. A service a test left
     * running with settings of its own ({@link #use}, {@link #start}), or dead, is started again here, by the
     * next test that asks for the suite: a test need not restore what it changed (one restart, not two, when
     * the next test wants the same settings anyway, and none after the last test).
     */
    public static synchronized Suite get() {
        if (instance == null) {
            return start(new Suite(ServiceProcess.Jvm.LOCAL, false, Map.of()));
        }
        if (instance.jvm == ServiceProcess.Jvm.LOCAL) {
            Map<Service, Map<String, String>> own = new EnumMap<>(Service.class);
            for (Service s : Service.values()) {
                own.put(s, Map.of());
            }
            instance.use(own);
        }
        return instance;
    }

    /**
     * Runs each service of {@code wanted} with the suite's settings plus its extra settings: the services not
     * running with exactly those (or not running) are stopped, started together and awaited; the others are
     * left as they are.
     */
    public synchronized void use(Map<Service, Map<String, String>> wanted) {
        List<Service> restart = wanted.keySet().stream()
                .filter(s -> !running.get(s).isAlive() || !wanted.get(s).equals(extras.get(s))).toList();
        try {
            ServiceProcess.stopAll(restart.stream().map(running::get).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (Service s : restart) {
            start(s, wanted.get(s));
        }
        for (Service s : restart) {
            awaitReady(s);
        }
    }

    /**
     * The suite as a production deployment would run it, for the benchmark harness: the services with
     * production JVM flags ({@link ServiceProcess.Jvm#PRODUCTION}), PostgreSQL with fsync on, and webhooks
     * allowed to this machine's receivers, as the local run allows them. Fails if this JVM already
     * started the suite otherwise: run the harness alone.
     */
    public static synchronized Suite production() {
        if (instance == null) {
            return start(new Suite(ServiceProcess.Jvm.PRODUCTION, true,
                    Map.of("DUBAN_WEBHOOKS_ALLOWED_TARGETS", "127.0.0.0/8,::1/128")));
        }
        if (instance.jvm != ServiceProcess.Jvm.PRODUCTION) {
            throw new IllegalStateException("this JVM's suite runs with " + instance.jvm + " flags: run the harness alone");
        }
        return instance;
    }

    private static Suite start(Suite suite) {
        instance = suite;
        for (Service s : Service.values()) {
            suite.start(s, Map.of());
        }
        for (Service s : Service.values()) {
            suite.awaitReady(s);
        }
        return suite;
    }

    public Path root() {
        return root;
    }

    public TestInfra infra() {
        return infra;
    }

    public String url(Service s) {
        return "http://127.0.0.1:" + ports.get(s) + "/api/v1";
    }

    public String jdbcUrl(Service s) {
        return infra.dbServerUrl() + "/" + s.database;
    }

    /** Starts {@code s} on its port with extra environment settings (the process is not awaited). */
    public synchronized ServiceProcess start(Service s, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("DUBAN_DB_URL", infra.dbServerUrl());
        env.put("DUBAN_DB_USER", infra.dbUser());
        env.put("DUBAN_DB_PASSWORD", infra.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("DUBAN_REGISTRY_URL", "http://127.0.0.1:" + ports.get(Service.REGISTRY));
        // no SMTP server in the system tests (notification-service's own tests run one): log e-mails
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("DUBAN_JWT_PUBLIC_KEY", org.duban.testsupport.security.TestKeys.jwksFile().toString());
        // notification-service stores webhook secrets encrypted with it, and does not start without one
        env.put("DUBAN_WEBHOOKS_SECRET_KEY", org.duban.testsupport.security.TestKeys.webhookSecretKey());
        if (jvm == ServiceProcess.Jvm.LOCAL) {
            env.putAll(QUICK_CONSUMER_STOP);
        }
        env.putAll(settings);
        env.putAll(extraEnv);
        try {
            ServiceProcess p = ServiceProcess.start(root, s, ports.get(s), env, logs.resolve(s.module + ".log"), jvm,
                    flightRecording(s));
            running.put(s, p);
            extras.put(s, Map.copyOf(extraEnv));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JFR flag of {@link #JFR_DIR} for a production-flag suite; none otherwise (the default). */
    private List<String> flightRecording(Service s) {
        String dir = System.getProperty(JFR_DIR, "");
        if (dir.isBlank() || jvm != ServiceProcess.Jvm.PRODUCTION) {
            return List.of();
        }
        Path file = Path.of(dir).toAbsolutePath().resolve(s.module + ".jfr");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a restarted service (a fault test) would overwrite its first recording: number them
        int n = 1;
        while (Files.exists(file)) {
            file = file.resolveSibling(s.module + "-" + (++n) + ".jfr");
        }
        // every compilation, not only those over 100 ms (what the JIT still does in a warmed-up phase)
        return List.of("-XX:StartFlightRecording=settings=profile,compiler=all,dumponexit=true,filename="
                + file);
    }

    public void awaitReady(Service s) {
        try {
            // the production flags start slower (C2 compiles while Quarkus boots): the harness waits longer
            running.get(s).awaitReady(Duration.ofSeconds(jvm == ServiceProcess.Jvm.PRODUCTION ? 300 : 120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ServiceProcess process(Service s) {
        return running.get(s);
    }

    private void stopAll() {
        try {
            ServiceProcess.stopAll(List.copyOf(running.values()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

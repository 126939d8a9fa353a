package org.duban.notification.push;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.duban.notification.NotificationConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Hears the other replicas' commits: one connection of its own (outside the pool, which must not
 * lose a connection to a forever-idle LISTEN) that LISTENs on {@link CommitSignals#INBOX_CHANNEL}
 * and {@link CommitSignals#DELIVERIES_CHANNEL}, read on a thread of its own with the driver's
 * {@code PGConnection.getNotifications(timeout)}, and turned into {@link Committed} events for this
 * process's streams and worker. This replica's own NOTIFYs come back too: they are dropped (the CDI event
 * told this process already, {@link CommitSignals#sentHere}).
 * <p>
 * When the connection breaks (a database restart), it is opened again (100 ms doubling to
 * {@code duban.notification.push.reconnect-max-wait}) and, once listening, wakes every stream and
 * the worker: a NOTIFY sent meanwhile was lost. A connection idle for {@link #CHECK_EVERY} is
 * checked, so one silently cut is noticed too. Between them, the backstop polls still run.
 */
@ApplicationScoped
public class NotifyListener {

    private static final Logger LOG = Logger.getLogger(NotifyListener.class);
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** The pool's TLS settings (common's microprofile-config.properties): this connection is opened outside it. */
    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode")
    Optional<String> sslMode;

    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert")
    Optional<String> sslRootCert;

    @Inject
    NotificationConfig config;

    @Inject
    Event<Committed> committed;

    @Inject
    CommitSignals signals;

    private final java.util.concurrent.atomic.AtomicLong ownDropped = new java.util.concurrent.atomic.AtomicLong();

    private volatile boolean stopping;
    private volatile boolean listening;
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Connection connection;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.push().listen()) {
            LOG.info("not listening for other replicas' commits (duban.notification.push.listen=false)");
            return;
        }
        thread = new Thread(this::run, "duban-notify-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
        close(connection);
    }

    /** Whether the LISTEN connection is open now. */
    public boolean listening() {
        return listening;
    }

    /** How many of this process's own NOTIFYs came back and were dropped. */
    public long ownDropped() {
        return ownDropped.get();
    }

    /** How many times the LISTEN connection was opened (1 while it never broke). */
    public int opened() {
        return opened.get();
    }

    private void run() {
        Duration wait = FIRST_WAIT;
        boolean opened = false;
        boolean reported = false;
        while (!stopping) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CommitSignals.INBOX_CHANNEL);
                    s.execute("LISTEN " + CommitSignals.DELIVERIES_CHANNEL);
                }
                listening = true;
                this.opened.incrementAndGet();
                if (opened) {
                    LOG.info("listening for other replicas' commits again");
                    committed.fire(Committed.everything());
                }
                opened = true;
                reported = false;
                wait = FIRST_WAIT;
                listen(c.unwrap(PGConnection.class), c);
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (!reported) {
                    LOG.warnf("not listening for other replicas' commits (%s); retrying, the backstop polls run meanwhile",
                            e.getMessage());
                    reported = true;
                }
            } finally {
                listening = false;
                connection = null;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(config.push().reconnectMaxWait()) > 0
                    ? config.push().reconnectMaxWait() : wait.multipliedBy(2);
        }
    }

    private void listen(PGConnection pg, Connection c) throws SQLException {
        while (!stopping) {
            PGNotification[] got = pg.getNotifications((int) CHECK_EVERY.toMillis());
            if (got == null || got.length == 0) {
                if (!stopping && !c.isValid((int) CHECK_EVERY.toSeconds())) {
                    throw new SQLException("the listening connection no longer answers");
                }
                continue;
            }
            Set<String> units = new LinkedHashSet<>();
            boolean deliveries = false;
            for (PGNotification n : got) {
                if (signals.sentHere(n.getPID())) {
                    ownDropped.incrementAndGet();
                    continue;
                }
                if (CommitSignals.INBOX_CHANNEL.equals(n.getName())) {
                    units.add(n.getParameter());
                } else if (CommitSignals.DELIVERIES_CHANNEL.equals(n.getName())) {
                    deliveries = true;
                }
            }
            if (units.isEmpty() && !deliveries) {
                continue; // only this process's own
            }
            // no transaction here: the AFTER_SUCCESS observers run at once, on this thread (they only signal)
            committed.fire(new Committed(units, deliveries));
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        sslMode.ifPresent(m -> p.setProperty("sslmode", m));
        sslRootCert.ifPresent(c -> p.setProperty("sslrootcert", c));
        p.setProperty("ApplicationName", "duban-notify-listener");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to stop: nothing to do
            }
        }
    }
}

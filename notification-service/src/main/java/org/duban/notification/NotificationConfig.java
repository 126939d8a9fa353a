package org.duban.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The settings of notification-service (duban.notification.*); webhooks have their own (duban.webhooks.*). */
@ConfigMapping(prefix = "duban.notification")
public interface NotificationConfig {

    /** The supervising office (督查室 / 市政府办公室) told of submissions, returns, extension requests and escalations. */
    @WithDefault("szfb")
    String supervisorUnit();

    /** How its notifications address the supervising office (the task events name only the units they are about). */
    @WithDefault("珠海市人民政府办公室")
    String supervisorUnitName();

    /** An overdue assignment is escalated to the supervisor from this many working days overdue. */
    @WithDefault("3")
    int escalateAfterWorkingDays();

    /** Links in notifications: this + the task id. */
    @WithDefault("http://localhost:8080/tasks/")
    String linkBase();

    /** The zone of "today" for working days and the digest hour. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Deliveries deliveries();

    Digest digest();

    Stream stream();

    /** The pull feed (issue 19, package feed). */
    Feed feed();

    Consumer consumer();

    Push push();

    /** The replica of task-service's working-day calendar (issue 18, CalendarReplica). */
    Calendar calendar();

    interface Deliveries {
        /**
         * The backstop: the worker's longest sleep. It is woken when deliveries commit (in this
         * process, and on every replica by a NOTIFY) and when a retry falls due; this only catches
         * a wake-up that was lost.
         */
        @WithDefault("30s")
        Duration pollEvery();

        /** Calls in flight at once, over all endpoints (and the SMTP server). */
        @WithDefault("32")
        int maxConcurrent();

        /**
         * Calls in flight at once to one webhook endpoint (e-mail: to the SMTP server). 1 keeps an
         * endpoint's first attempts in the order the deliveries were written. 16 by default: one
         * receiver (the city OA system) takes every unit's calls, and a web server's worker pool serves
         * far more at once; a receiver that cannot keep up answers 429/503 with Retry-After, honoured.
         */
        @WithDefault("16")
        int maxPerEndpoint();

        /** The waits before the 2nd, 3rd … attempt; after the last one the delivery is a dead letter. */
        @WithDefault("5s,5m,30m,2h,5h,10h")
        List<Duration> retrySchedule();

        /** Each wait is spread by ± this fraction, so endpoints that recover are not hit by a herd. */
        @WithDefault("0.2")
        double jitter();

        /** A Retry-After longer than this is capped. */
        @WithDefault("6h")
        Duration maxRetryAfter();

        /** Rows claimed per pass. */
        @WithDefault("50")
        int batchSize();

        /**
         * A claimed row is hidden from other workers this long, renewed when its call starts: a worker
         * that died mid-call leaves its row, which is sent again when the lease runs out. Unset: the
         * longest call (duban.webhooks.timeout, quarkus.mailer.timeout) + 10 s, so a live call is
         * never taken over and a dead one is repeated promptly.
         */
        Optional<Duration> lease();
    }

    interface Calendar {
        /** How often the in-memory calendar is reloaded from the replica table (another replica may have applied a year). */
        @WithDefault("60s")
        String refresh();
    }

    interface Digest {
        /** The hour (in {@link #zone()}) of each working day from which the daily digest is sent. */
        @WithDefault("8")
        int hour();

        /** How often the digest job checks whether digests are due; {@code off} disables it. */
        @WithDefault("60s")
        String checkEvery();
    }

    interface Stream {
        /**
         * The backstop: a live stream reads the inbox when a notification of its unit commits (in
         * this process, or on another replica: NOTIFY), and at the latest after this long.
         */
        @WithDefault("30s")
        Duration pollEvery();
    }

    interface Feed {
        /** At most this many feed requests with a wait held open per replica; one more is a 503 with Retry-After. */
        @WithDefault("1000")
        int maxWaiters();
    }

    /** How commits wake the live streams and the delivery worker across replicas (PostgreSQL LISTEN/NOTIFY). */
    interface Push {
        /** Whether this replica holds a connection that LISTENs for the other replicas' commits. */
        @WithDefault("true")
        boolean listen();

        /** The longest wait between attempts to open the listening connection again (doubling from 100 ms). */
        @WithDefault("5s")
        Duration reconnectMaxWait();
    }

    /** How the consumers of duban.task-events and duban.units meet failures (issue 13, docs/operations.md). */
    interface Consumer {
        /** The first wait before retrying a record whose effect failed; it doubles up to {@link #maxWait()}. */
        @WithDefault("100ms")
        Duration firstWait();

        /** The longest wait between retries; a database outage is retried at this pace for as long as it lasts. */
        @WithDefault("5s")
        Duration maxWait();

        /** Attempts of a record failing for an unrecognised reason while the database answers; then it is parked. */
        @WithDefault("5")
        int maxAttempts();

        /** How long a task event naming a unit the replica does not know waits for duban.units before it is parked. */
        @WithDefault("3s")
        Duration unknownUnitGrace();
    }
}

package org.duban.infra;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Application class data sharing (AppCDS, JDK 17's dynamic archives) for the service processes of the local run
 * and the system tests ({@link ServiceProcess.Jvm#LOCAL}): the classes a service loaded in one run are mapped from
 * an archive in the next, instead of read, verified and parsed from its jars again.
 *
 * <p>The archive ({@value #ARCHIVE} next to the service's {@code quarkus-run.jar}) is made by the first start
 * that finds none, or one older than the jar (a rebuild): that process runs with {@code -XX:ArchiveClassesAtExit}
 * and the JVM writes the archive when it ends normally (SIGTERM, {@link ServiceProcess#stop()}; a killed process
 * writes nothing, and the next start tries again). One process of a service at a time writes (it claims the file
 * {@code duban-local-cds.jsa.writing}, renamed to the archive once the process has ended); replicas started
 * meanwhile run without an archive. The later starts run with
 * {@code -XX:SharedArchiveFile}; the JVM checks the archive against the jars it was made from and the JDK, and runs
 * without it if they changed (a warning in the service's log, nothing else). The system property or environment
 * variable {@value #SWITCH}{@code =false} turns it off (a before/after measurement).
 */
final class ClassDataSharing {

    static final String ARCHIVE = "duban-local-cds.jsa";
    static final String SWITCH = "duban.service.cds";
    private static final Duration STALE = Duration.ofHours(1);

    private final Path archive;
    /** The file this process writes at its end, or null when it maps an existing archive. */
    private final Path dumping;

    private ClassDataSharing(Path archive, Path dumping) {
        this.archive = archive;
        this.dumping = dumping;
    }

    /** Whether the local JVMs use it: on unless {@value #SWITCH} says false. */
    static boolean enabled() {
        String v = System.getProperty(SWITCH, System.getenv("DUBAN_SERVICE_CDS"));
        return v == null || !v.trim().equalsIgnoreCase("false");
    }

    /**
     * Maps the runner's archive if it is at least as new as the runner; else this process writes one at its end,
     * unless another process is writing one (then none: no archive, no writing).
     */
    static ClassDataSharing forRunner(Path runner) throws IOException {
        Path archive = runner.resolveSibling(ARCHIVE);
        FileTime built = Files.getLastModifiedTime(runner);
        if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(built) >= 0) {
            return new ClassDataSharing(archive, null);
        }
        Path writing = runner.resolveSibling(ARCHIVE + ".writing");
        try {
            // a claim left by a test JVM that died is given up after STALE
            if (Files.exists(writing) && Files.getLastModifiedTime(writing).toInstant()
                    .isBefore(Instant.now().minus(STALE))) {
                Files.deleteIfExists(writing);
            }
            Files.createFile(writing);
        } catch (FileAlreadyExistsException another) {
            return null;
        }
        return new ClassDataSharing(archive, writing);
    }

    /**
     * The JVM flags. The writing run logs no per-class CDS warnings: JDK 17 skips each class loaded but never
     * linked, a line each (~3,000 for a service).
     */
    List<String> flags() {
        return dumping == null
                ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + dumping, "-Xlog:cds=error");
    }

    /** Whether this process writes the archive when it ends (its end takes longer: seconds, more under load). */
    boolean writesAtExit() {
        return dumping != null;
    }

    /**
     * After the process ended: the archive it wrote (if any) becomes the runner's archive — only if it ended by
     * itself or by SIGTERM ({@code whole}); one killed while writing it may have left part of a file.
     */
    void processEnded(boolean whole) {
        if (dumping == null) {
            return;
        }
        try {
            if (whole && Files.size(dumping) > 0) {
                Files.move(dumping, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(dumping);
            }
        } catch (IOException e) {
            // the next start tries again
        }
    }
}

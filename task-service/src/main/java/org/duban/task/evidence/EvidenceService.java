package org.duban.task.evidence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;
import org.duban.common.security.Access;
import org.duban.task.task.Assignment;
import org.duban.task.task.AssignmentService;
import org.duban.task.task.ProgressReport;
import org.duban.task.task.TaskApi;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * 进展报送 with evidence files (佐证材料), all or nothing. The files are checked before anything is written —
 * count, size of each and of all, name, and type by content ({@link EvidenceTypes}) — and the caller's right
 * to act for the assignment's unit. Then:
 * <ul>
 * <li>PostgreSQL store: the report row, the file rows and the bytes are written in one transaction;</li>
 * <li>S3 store: the objects are written first, then the transaction; when it fails (a refused transition, a
 * database error) the objects just written are deleted before the error goes back to the client.</li>
 * </ul>
 * Downloads follow the report's read rule: whoever may read the assignment's unit (its own operator or
 * integration, the supervisor, the viewer); another unit gets a 403.
 */
@ApplicationScoped
public class EvidenceService {

    private static final Logger LOG = Logger.getLogger(EvidenceService.class);

    @Inject
    EvidenceConfig config;

    @Inject
    AssignmentService assignments;

    @Inject
    Access access;

    @Inject
    Clock clock;

    @Inject
    PostgresEvidenceStore postgres;

    @Inject
    S3EvidenceStore s3;

    /** A file part of the form, as the HTTP layer left it on disk. */
    public record Upload(Path path, String fileName, long size) {
    }

    /** A checked file, ready to store. */
    private record Checked(UUID id, int position, Upload upload, String name, EvidenceTypes.Kind kind, String sha256) {
    }

    /** The store new files go to. */
    EvidenceStore current() {
        return config.store() == EvidenceConfig.Store.S3 ? s3 : postgres;
    }

    EvidenceStore named(String name) {
        return switch (name) {
            case S3EvidenceStore.NAME -> s3;
            case PostgresEvidenceStore.NAME -> postgres;
            default -> throw new IllegalStateException("unknown evidence store " + name);
        };
    }

    public TaskApi.AssignmentView report(UUID assignmentId, TaskApi.ReportProgress req, List<Upload> uploads) {
        List<Checked> files = check(uploads);
        // who may write, before a byte is stored anywhere (the transaction checks it again, under the lock)
        QuarkusTransaction.requiringNew().run(() -> {
            Assignment a = Assignment.findById(assignmentId);
            if (a == null) {
                throw ProblemException.notFound("No assignment with id " + assignmentId);
            }
            access.requireActFor(a.unitCode, "Assignment " + assignmentId);
        });
        EvidenceStore store = current();
        List<UUID> written = new ArrayList<>();
        try {
            if (!store.transactional()) {
                for (Checked f : files) {
                    store.put(f.id(), f.upload().path(), f.upload().size(), f.kind().mediaType);
                    written.add(f.id());
                }
            }
            return QuarkusTransaction.requiringNew().call(() -> assignments.reportProgress(assignmentId, req,
                    report -> attach(report, files, store)));
        } catch (IOException e) {
            compensate(store, written);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            compensate(store, written);
            throw e;
        }
    }

    /** In the report's transaction: the file rows, and the bytes too when the store is the database. */
    private List<String> attach(ProgressReport report, List<Checked> files, EvidenceStore store) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> names = new ArrayList<>();
        for (Checked f : files) {
            EvidenceFile e = new EvidenceFile();
            e.id = f.id();
            e.reportId = report.id;
            e.assignmentId = report.assignmentId;
            e.position = f.position();
            e.fileName = f.name();
            e.mediaType = f.kind().mediaType;
            e.sizeBytes = f.upload().size();
            e.sha256 = f.sha256();
            e.storage = store.name();
            e.createdAt = now;
            e.persist();
            names.add(f.name());
        }
        if (store.transactional() && !files.isEmpty()) {
            EvidenceFile.getEntityManager().flush(); // the chunks reference the file rows
            for (Checked f : files) {
                try {
                    store.put(f.id(), f.upload().path(), f.upload().size(), f.kind().mediaType);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    /** Deletes objects written for a report that did not commit; a failure here is logged (the sweeper's case). */
    private static void compensate(EvidenceStore store, List<UUID> written) {
        for (UUID id : written) {
            try {
                store.delete(id);
            } catch (Exception e) {
                LOG.errorf("evidence object %s of a failed report could not be deleted from the %s store: %s",
                        id, store.name(), e.toString());
            }
        }
    }

    /** Every limit and every type, before anything is stored; each refusal names the file (files[i]). */
    List<Checked> check(List<Upload> uploads) {
        if (uploads.size() > config.maxFiles()) {
            throw new ProblemException(ProblemType.VALIDATION,
                    "At most " + config.maxFiles() + " evidence files per report; " + uploads.size() + " were sent",
                    List.of(Problem.FieldError.of("files", "at most " + config.maxFiles() + " files")));
        }
        long maxFile = config.maxFileSize().asLongValue();
        long total = 0;
        List<Problem.FieldError> tooLarge = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            long size = uploads.get(i).size();
            total += size;
            if (size > maxFile) {
                tooLarge.add(Problem.FieldError.of("files[" + i + "]", "has " + size + " bytes; at most " + maxFile));
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "An evidence file may have at most " + maxFile + " bytes", tooLarge);
        }
        long maxTotal = config.maxTotalSize().asLongValue();
        if (total > maxTotal) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The evidence files of one report may have at most " + maxTotal + " bytes together; these have " + total,
                    List.of(Problem.FieldError.of("files", "at most " + maxTotal + " bytes together")));
        }
        List<Checked> out = new ArrayList<>();
        List<Problem.FieldError> badNames = new ArrayList<>();
        List<Problem.FieldError> badTypes = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            Upload u = uploads.get(i);
            String field = "files[" + i + "]";
            FileNames.Result name = FileNames.clean(u.fileName(), config.maxFileNameLength());
            if (name.refusal() != null) {
                badNames.add(Problem.FieldError.of(field, name.refusal().reason()));
                continue;
            }
            EvidenceTypes.Detection d;
            try {
                if (u.size() == 0) {
                    badNames.add(new Problem.FieldError(field, "is empty", name.name()));
                    continue;
                }
                d = EvidenceTypes.detect(u.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (d.kind().isEmpty()) {
                badTypes.add(new Problem.FieldError(field, "content is " + d.detected()
                        + ", not one of PDF, PNG, JPEG, Word (.docx/.doc), Excel (.xlsx/.xls), plain text", name.name()));
                continue;
            }
            out.add(new Checked(UUID.randomUUID(), i, u, name.name(), d.kind().get(), sha256(u.path())));
        }
        if (!badNames.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, badNames.size() + " evidence file(s) refused", badNames);
        }
        if (!badTypes.isEmpty()) {
            throw new ProblemException(ProblemType.EVIDENCE_TYPE_REFUSED,
                    badTypes.size() + " evidence file(s) are not an accepted kind (told by content, not by name)", badTypes);
        }
        return out;
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A file to download: what it is, and its bytes (opened when the response is written). */
    public record Download(EvidenceFile file, EvidenceStore store) {
        public InputStream open() throws IOException {
            return store.open(file.id);
        }
    }

    /** The file, if it is the report's and the assignment's named, and the caller may read the assignment's unit. */
    public Download download(UUID assignmentId, UUID reportId, UUID evidenceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Assignment a = Assignment.findById(assignmentId);
            if (a == null) {
                throw ProblemException.notFound("No assignment with id " + assignmentId);
            }
            access.requireRead(a.unitCode, "Assignment " + assignmentId);
            EvidenceFile f = EvidenceFile.findById(evidenceId);
            if (f == null || !f.reportId.equals(reportId) || !f.assignmentId.equals(assignmentId)) {
                throw ProblemException.notFound("No evidence file " + evidenceId + " in report " + reportId
                        + " of assignment " + assignmentId);
            }
            return new Download(f, named(f.storage));
        });
    }
}

package org.duban.task.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the bytes of evidence files are kept, by evidence id. Two implementations: {@link PostgresEvidenceStore}
 * (the default; writes join the caller's transaction, so a file commits or rolls back with its report) and
 * {@link S3EvidenceStore} (writes are outside any transaction, so the caller deletes what it wrote when the
 * report's transaction fails — see {@link EvidenceService}).
 */
public interface EvidenceStore {

    /** The name recorded with each file ({@code evidence_file.storage}). */
    String name();

    /** Whether {@link #put} takes part in the caller's database transaction. */
    boolean transactional();

    /** Stores {@code size} bytes read from {@code file} under {@code id}; streams, never holding the whole file. */
    void put(UUID id, Path file, long size, String mediaType) throws IOException;

    /** The bytes, streamed (the caller closes the stream). */
    InputStream open(UUID id) throws IOException;

    /** Removes the bytes; nothing happens when there are none. */
    void delete(UUID id) throws IOException;
}

package org.duban.task.evidence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/**
 * The default store: a file's bytes as rows of {@code evidence_chunk} ({@code duban.evidence.chunk-size} each) in
 * the service's own database. Writes go through the transaction's own connection (Hibernate's), so the chunks
 * commit or roll back with the report; a download reads one chunk per short query, so neither side holds more
 * than a chunk in memory nor a connection while the client is slow.
 */
@ApplicationScoped
public class PostgresEvidenceStore implements EvidenceStore {

    public static final String NAME = "postgres";

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EvidenceConfig config;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void put(UUID id, Path file, long size, String mediaType) throws IOException {
        int chunk = (int) Math.min(Integer.MAX_VALUE - 64, config.chunkSize().asLongValue());
        try (InputStream in = Files.newInputStream(file)) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES (?, ?, ?)")) {
                    byte[] buf = new byte[(int) Math.min(chunk, Math.max(size, 1))];
                    int seq = 0;
                    while (true) {
                        int n = in.readNBytes(buf, 0, buf.length);
                        if (n <= 0 && seq > 0) {
                            break;
                        }
                        ps.setObject(1, id);
                        ps.setInt(2, seq++);
                        ps.setBytes(3, n == buf.length ? buf : Arrays.copyOf(buf, Math.max(n, 0)));
                        ps.executeUpdate(); // one chunk at a time: a batch would hold them all
                        if (n < buf.length) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public InputStream open(UUID id) {
        return new ChunkStream(id);
    }

    @Override
    public void delete(UUID id) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM evidence_chunk WHERE evidence_id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        });
    }

    /** Reads chunk after chunk, each with its own short query (and pooled connection). */
    private final class ChunkStream extends InputStream {
        private final UUID id;
        private int next;
        private byte[] current = new byte[0];
        private int pos;
        private boolean done;

        ChunkStream(UUID id) {
            this.id = id;
        }

        private boolean fill() throws IOException {
            while (!done && pos >= current.length) {
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement(
                             "SELECT data FROM evidence_chunk WHERE evidence_id = ? AND seq = ?")) {
                    ps.setObject(1, id);
                    ps.setInt(2, next);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            current = rs.getBytes(1);
                            pos = 0;
                            next++;
                        } else {
                            done = true;
                        }
                    }
                } catch (SQLException e) {
                    throw new IOException("reading evidence " + id + " chunk " + next, e);
                }
            }
            return pos < current.length;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}

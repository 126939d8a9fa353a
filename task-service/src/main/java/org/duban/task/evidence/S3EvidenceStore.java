package org.duban.task.evidence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Evidence bytes in S3-compatible object storage ({@code duban.evidence.store=s3}), one object per file under
 * {@code key-prefix + id}. Uploads stream from the request's temporary file; downloads stream from the object.
 * The client is built on first use, so a service on the PostgreSQL store never needs S3 settings.
 */
@ApplicationScoped
public class S3EvidenceStore implements EvidenceStore {

    public static final String NAME = "s3";

    @Inject
    EvidenceConfig config;

    private volatile S3Client client;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    S3Client client() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    client = c = build(config.s3());
                }
            }
        }
        return c;
    }

    static S3Client build(EvidenceConfig.S3 s3) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                // checksums only where the API requires them: the SDK's default (a CRC trailer on every
                // upload, aws-chunked) is not understood by every S3-compatible server
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        s3.endpoint().ifPresent(b::endpointOverride);
        if (s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKeyId().get(), s3.secretAccessKey().get())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }

    String key(UUID id) {
        return config.s3().keyPrefix() + id;
    }

    @Override
    public void put(UUID id, Path file, long size, String mediaType) {
        client().putObject(r -> r.bucket(config.s3().bucket()).key(key(id)).contentType(mediaType).contentLength(size),
                RequestBody.fromFile(file));
    }

    @Override
    public InputStream open(UUID id) throws IOException {
        try {
            return client().getObject(r -> r.bucket(config.s3().bucket()).key(key(id)));
        } catch (NoSuchKeyException e) {
            throw new IOException("evidence " + id + " is missing from the object store", e);
        }
    }

    @Override
    public void delete(UUID id) {
        client().deleteObject(r -> r.bucket(config.s3().bucket()).key(key(id)));
    }

    @PreDestroy
    void close() {
        S3Client c = client;
        if (c != null) {
            c.close();
        }
    }
}

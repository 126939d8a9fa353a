package org.duban.task.evidence;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

/**
 * A real S3-compatible server in the test JVM: S3Proxy (org.gaul:s3proxy) over jclouds' in-memory ("transient")
 * blob store, with AWS signature checking on. The service is pointed at it with {@code duban.evidence.store=s3};
 * the bucket is made here, as an operator would.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "duban-test-access";
    static final String SECRET_KEY = "duban-test-secret";
    static final String BUCKET = "duban-evidence-test";

    private BlobStoreContext context;
    private S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
            proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long until = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        try (S3Client admin = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
        return Map.of(
                "duban.evidence.store", "s3",
                "duban.evidence.s3.endpoint", endpoint,
                "duban.evidence.s3.bucket", BUCKET,
                "duban.evidence.s3.access-key-id", ACCESS_KEY,
                "duban.evidence.s3.secret-access-key", SECRET_KEY);
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception ignored) {
            // the JVM ends with the test run
        }
        if (context != null) {
            context.close();
        }
    }
}

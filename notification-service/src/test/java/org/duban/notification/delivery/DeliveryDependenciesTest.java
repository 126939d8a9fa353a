package org.duban.notification.delivery;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 18: the channels depend on {@code delivery} (they implement its {@link Sender}), never the other
 * way round — no source of the delivery package names a class of {@code webhook} or {@code email}, in an
 * import or written out in full. A plain check of the sources (run where Maven runs the module's tests).
 */
class DeliveryDependenciesTest {

    private static final Path DELIVERY = Path.of("src/main/java/org/duban/notification/delivery");

    @Test
    void theDeliveryPackageNamesNoChannelPackage() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(DELIVERY)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "the delivery sources are found from " + Path.of("").toAbsolutePath());
        List<String> offending = sources.stream().flatMap(DeliveryDependenciesTest::lines)
                .filter(l -> l.contains("org.duban.notification.webhook.") || l.contains("org.duban.notification.email."))
                .toList();
        assertEquals(List.of(), offending, "delivery must not depend on the webhook or e-mail package");
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(l -> p.getFileName() + ": " + l.strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

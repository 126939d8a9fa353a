package org.duban.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found upwards from the working directory (Maven runs tests in deploy-tests/). */
final class RepositoryRoot {
    private RepositoryRoot() {
    }

    static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy-tests"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Duban repository above " + Path.of("").toAbsolutePath());
    }
}

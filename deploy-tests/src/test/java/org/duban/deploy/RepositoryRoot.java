package org.duban.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found upwards from the working directory (Maven runs tests in deploy-tests/). */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    /** -Dduban.repo.root=DIR checks another tree (e.g. a merge of the deploy/ directories) with this code. */
    public static Path find() {
        String given = System.getProperty("duban.repo.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy-tests"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Duban repository above " + Path.of("").toAbsolutePath());
    }
}

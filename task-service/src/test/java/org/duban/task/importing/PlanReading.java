package org.duban.task.importing;

import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Helpers shared by the reader tests: fixtures, and a plan's content without its line numbers. */
final class PlanReading {
    private PlanReading() {
    }

    /**
     * A request whose body REST Assured does not keep for its "log if validation fails" report (Quarkus's tests turn
     * that on): it prints a {@code byte[]} body as a decimal list — a 10 MiB body became ~200 MB of short-lived
     * strings and buffers in the test JVM (40–64 MB arrays each, JFR allocation samples), a humongous allocation that
     * a fragmented 768 MB heap could not place. For the bodies over the import limits only.
     */
    static RequestSpecification givenUnlogged() {
        return RestAssured.given().config(RestAssured.config().logConfig(LogConfig.logConfig()));
    }

    static byte[] fixture(String name) {
        try (InputStream in = PlanReading.class.getResourceAsStream("/importing/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture importing/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Section | work item | task | units | deadline of every task: what a plan says, whatever its form. */
    static List<String> content(ParsedPlan p) {
        return p.sections().stream().flatMap(s -> s.workItems().stream().flatMap(w -> w.tasks().stream()
                .map(t -> s.title() + "|" + w.title() + "|" + t.text() + "|" + t.unitPhrase() + "|" + t.deadlineText()))).toList();
    }

    /** One line per task, units and deadline only: for small examples. */
    static List<String> tasks(ParsedPlan p) {
        return p.sections().stream().flatMap(s -> s.workItems().stream().flatMap(w -> w.tasks().stream()
                .map(t -> t.text() + "|" + t.unitPhrase() + "|" + t.deadlineText()))).toList();
    }
}

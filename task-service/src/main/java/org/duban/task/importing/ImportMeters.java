package org.duban.task.importing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.problem.ProblemException;

import java.util.function.Supplier;

/**
 * Counts plan imports by result (issue 15): a stored preview, a confirmed plan, or a document or
 * confirmation refused with a problem (no task table, unresolved units, expired, registry away …).
 */
@ApplicationScoped
public class ImportMeters {

    /** Tag {@code result}=previewed|confirmed|refused → {@code duban_plan_imports_total}. */
    static final String IMPORTS = "duban.plan.imports";
    static final String PREVIEWED = "previewed";
    static final String CONFIRMED = "confirmed";
    static final String REFUSED = "refused";

    @Inject
    MeterRegistry registry;

    /**
     * Runs {@code step} (a service call, committed when it returns) and counts it as {@code result},
     * or as refused when it throws a problem.
     */
    <T> T counted(String result, Supplier<T> step) {
        T value;
        try {
            value = step.get();
        } catch (ProblemException e) {
            count(REFUSED);
            throw e;
        }
        count(result);
        return value;
    }

    private void count(String result) {
        Counter.builder(IMPORTS).description("Plan imports by result").tag("result", result).register(registry).increment();
    }
}

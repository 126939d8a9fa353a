package org.duban.common.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.duban.common.input.StrictInput;

/**
 * Request bodies are read strictly ({@link StrictInput}): a field the endpoint does not know is a
 * 400 naming it (a misspelt {@code deadlne} must not silently leave the deadline unset), and so are
 * a key sent twice, a control character in a string and a date outside {@code DateRange}. Only the
 * REST server's mapper is strict; Kafka consumers and REST clients keep the application's tolerant
 * one, so events and other services may add fields — or carry what was written before these rules
 * — without breaking their readers. A body a resource reads by hand is read with {@link #mapper()}.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictJsonBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    @Inject
    public StrictJsonBodies(ObjectMapper application) {
        this.strict = StrictInput.strict(application);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /** The strict mapper, for a body a resource reads itself (an optional body). */
    public ObjectMapper mapper() {
        return strict;
    }
}

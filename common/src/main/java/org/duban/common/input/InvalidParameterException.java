package org.duban.common.input;

import jakarta.ws.rs.BadRequestException;
import org.duban.common.problem.Problem;

/**
 * A query or path parameter that cannot be read (not a number, not a UUID, a control character).
 * A {@code WebApplicationException}, so that Quarkus REST passes it on as it is instead of turning
 * the failed conversion into the 404 the JAX-RS specification asks for; ProblemMappers answers it
 * with a 400 problem naming the parameter.
 */
public class InvalidParameterException extends BadRequestException {

    private final Problem.FieldError error;

    public InvalidParameterException(String parameter, String message, Object rejectedValue) {
        super("Parameter '" + parameter + "' is invalid: " + message);
        this.error = new Problem.FieldError(parameter, message, rejectedValue);
    }

    public Problem.FieldError error() {
        return error;
    }
}

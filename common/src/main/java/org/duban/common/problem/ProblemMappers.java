package org.duban.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.duban.common.input.InvalidParameterException;
import org.duban.common.input.RejectedValueException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns every error, ours and the framework's, into RFC 9457 problem+json. No stack trace or
 * internal message ever reaches a client; 5xx are logged with an id that the body repeats.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.type(), e.type().status(), e.getMessage(), uri, e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldPath(v.getPropertyPath()), v.getMessage(), simple(v.getInvalidValue())));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(ProblemType.VALIDATION, 400, errors.size() + " invalid field(s)", uri, errors);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return malformed(e, uri);
    }

    /** Quarkus has a built-in mapper for this subtype; ours must be at least as specific. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return malformed(e, uri);
    }

    /** A query or path parameter that cannot be read: a 400 naming it (JAX-RS would answer 404). */
    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(ProblemType.VALIDATION, 400, e.getMessage(), uri, List.of(e.error()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return malformed(jpe, uri);
        }
        // a conversion failure inside a @BeanParam may arrive wrapped in the framework's 404
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof InvalidParameterException ipe) {
                return invalidParameter(ipe, uri);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getRequestUri().getRawPath();
            case 405 -> "This resource does not support the method used";
            case 406 -> "This resource answers only in JSON (Accept: application/json)";
            case 415 -> "Send the body as application/json";
            default -> type.title();
        };
        return respond(type, status, detail, uri, List.of());
    }

    /** No token where one is required (RFC 6750: the challenge names the scheme only). */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return challenge(respond(ProblemType.UNAUTHENTICATED, 401,
                "Send a bearer token: Authorization: Bearer <JWT>", uri, List.of()), null);
    }

    /**
     * A token was sent but is not valid: expired, not signed by a trusted key, from another issuer
     * or for another audience, living too long, or with claims that break its role's rules.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return invalidToken(e, uri);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(io.quarkus.security.AuthenticationCompletionException e, UriInfo uri) {
        return invalidToken(e, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        // object-level refusals are ProblemExceptions with their own detail; this is the role check
        return respond(ProblemType.FORBIDDEN, 403, "Your token's role does not allow this request", uri, List.of());
    }

    private Response invalidToken(Throwable e, UriInfo uri) {
        // which check failed is told (it helps a client fix its clock or key); the token never is
        String detail = "The bearer token is not valid: " + (expired(e)
                ? "it has expired"
                : "its signature, issuer, audience, lifetime or claims are not accepted");
        return challenge(respond(ProblemType.UNAUTHENTICATED, 401, detail, uri, List.of()), "invalid_token");
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jose4j.jwt.consumer.InvalidJwtException ije && ije.hasExpired()) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Response challenge(Response r, String error) {
        return Response.fromResponse(r)
                .header("WWW-Authenticate", error == null ? "Bearer" : "Bearer error=\"" + error + "\"")
                .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return internal(e, uri);
    }

    private Response malformed(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String detail = "The body is not well-formed JSON";
        if (e instanceof RejectedValueException r) {
            // read fine, but not accepted: a control character, a date outside the range
            String field = r.getPath().isEmpty() ? "body" : jsonPath(r.getPath());
            errors.add(new Problem.FieldError(field, r.reason(), r.echoedValue()));
            return respond(ProblemType.VALIDATION, 400, "Field '" + field + "' " + r.reason(), uri, errors);
        }
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            errors.add(Problem.FieldError.of(duplicate, "given twice"));
            detail = "Field '" + duplicate + "' is given twice; send each field once";
        } else if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jsonPath(jme.getPath());
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                errors.add(Problem.FieldError.of(field, "unknown field"));
                detail = "Field '" + field + "' is not a field of this request";
            } else {
                String message = e instanceof InvalidFormatException ife
                        ? "cannot read \"" + abbreviate(ife.getValue()) + "\" as " + ife.getTargetType().getSimpleName()
                        : "wrong type or shape";
                errors.add(Problem.FieldError.of(field, message));
                detail = "Field '" + field + "' has the wrong type or shape";
            }
        } else if (e.getLocation() != null) {
            detail = "The body is not well-formed JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return respond(ProblemType.MALFORMED_REQUEST, 400, detail, uri, errors);
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.*)'$");

    /**
     * The path of a key sent twice (Jackson's duplicate detection names the key only; the parser's
     * context at the failure is the object holding it), or null when {@code e} is about something else.
     */
    static String duplicateKey(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!(t instanceof JsonProcessingException jpe) || jpe.getOriginalMessage() == null) {
                continue;
            }
            java.util.regex.Matcher m = DUPLICATE.matcher(jpe.getOriginalMessage());
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String parent = "";
            if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
                // a nested object's duplicate, wrapped with the path of the field that holds it
                parent = jsonPath(jme.getPath());
            } else if (jpe.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p && p.getParsingContext() != null) {
                parent = pointerPath(p.getParsingContext().getParent());
            }
            return parent.isEmpty() ? key : parent + "." + key;
        }
        return null;
    }

    /** {@code tasks[0].units} for the context of a JSON value. */
    private static String pointerPath(com.fasterxml.jackson.core.JsonStreamContext ctx) {
        java.util.Deque<String> steps = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                steps.push("." + c.getCurrentName());
            }
        }
        String s = String.join("", steps);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    /** A rejected value is echoed at most 200 characters long (a 100 KB value is not sent back whole). */
    static String abbreviate(Object value) {
        String v = String.valueOf(value);
        return v.length() <= 200 ? v : v.substring(0, 200) + "…";
    }

    private Response internal(Throwable e, UriInfo uri) {
        if (statementTimedOut(e)) {
            // the database's statement_timeout stopped a runaway query: the guard worked, say so
            LOG.warnf("a statement on %s ran past the statement timeout and was cancelled", uri == null ? "?" : uri.getPath());
            return respond(ProblemType.STATEMENT_TIMEOUT, 503, "The request took too long and was stopped", uri, List.of());
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error on %s (incident %s)", uri == null ? "?" : uri.getPath(), incident);
        return respond(ProblemType.INTERNAL, 500, "Unexpected error; incident " + incident, uri, List.of());
    }

    /** PostgreSQL's query_canceled (57014): the statement ran past {@code statement_timeout}. */
    public static boolean statementTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    Response respond(ProblemType type, int status, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(type, status, detail, uri, errors, java.util.Map.of());
    }

    Response respond(ProblemType type, int status, String detail, UriInfo uri, List<Problem.FieldError> errors,
                     java.util.Map<String, Object> extensions) {
        Problem p = new Problem(type.uri(), type.title(), status, detail, uri == null ? null : uri.getRequestUri().getRawPath(), errors);
        String body;
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = json.valueToTree(p);
            // RFC 9457 extension members sit beside the standard ones and never replace them
            extensions.forEach((k, v) -> {
                if (!node.has(k)) {
                    node.set(k, json.valueToTree(v));
                }
            });
            body = json.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"" + type.uri() + "\",\"status\":" + status + "}";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /**
     * {@code create.request.unitCodes[1].<list element>} → {@code unitCodes[1]}: the path inside the
     * request body, or the parameter's name for a query or path parameter.
     */
    static String fieldPath(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node n : path) {
            ElementKind kind = n.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = n.getName();
                continue;
            }
            // Hibernate Validator puts a container position on the node that sits inside it
            if (n.isInIterable()) {
                if (n.getIndex() != null) {
                    sb.append('[').append(n.getIndex()).append(']');
                } else if (n.getKey() != null) {
                    sb.append('[').append(n.getKey()).append(']');
                }
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && n.getName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(n.getName());
            }
        }
        if (!sb.isEmpty()) {
            return sb.toString();
        }
        return parameter != null ? parameter : path.toString();
    }

    static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static Object simple(Object v) {
        if (v instanceof CharSequence cs) {
            return abbreviate(cs);
        }
        return v instanceof Number || v instanceof Boolean ? v : null;
    }
}

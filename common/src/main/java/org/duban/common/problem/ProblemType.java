package org.duban.common.problem;

/**
 * The stable kinds of error. Clients switch on {@link #uri()}; titles are for people.
 * The catalogue is in docs/api-guide.md.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", 400, "The request body is not valid JSON of the expected shape"),
    VALIDATION("validation", 400, "The request has invalid fields"),
    UNAUTHENTICATED("unauthenticated", 401, "A valid bearer token is required"),
    FORBIDDEN("forbidden", 403, "Your token does not allow this"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    CONFLICT("conflict", 409, "The request conflicts with the current state"),
    PRECONDITION_FAILED("precondition-failed", 412, "The resource changed since the version given (If-Match)"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Send the version read (If-Match) to change this resource"),
    ILLEGAL_TRANSITION("illegal-transition", 409, "The action is not allowed in the current state"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNKNOWN_UNIT("unknown-unit", 422, "The request names units that do not exist"),
    UNPROCESSABLE("unprocessable", 422, "The request cannot be processed"),
    EMPTY_DOCUMENT("empty-document", 400, "The document is empty"),
    UNREADABLE_DOCUMENT("unreadable-document", 415, "The document is none of the accepted forms (text, HTML, .docx, .doc, PDF)"),
    NOT_A_DOCX("not-a-docx", 422, "The file is named or sent as .docx but is not a Word document"),
    DAMAGED_DOCUMENT("damaged-document", 422, "The file is a .doc or PDF document that cannot be read"),
    NO_TASK_TABLE("no-task-table", 422, "The document has no recognisable task table"),
    EVIDENCE_TYPE_REFUSED("evidence-type-refused", 415, "An evidence file is none of the accepted kinds (PDF, PNG, JPEG, Word, Excel, plain text), judged by its content"),
    UNRESOLVED_UNITS("unresolved-units", 422, "Some unit phrases do not name known units"),
    DUPLICATE_PLAN("duplicate-plan", 409, "This plan was imported already"),
    IMPORT_EXPIRED("import-expired", 410, "The import preview has expired; import the document again"),
    WEBHOOK_ENDPOINT_LIMIT("webhook-endpoint-limit", 409, "The unit has as many webhook endpoints as allowed"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "The Idempotency-Key was used for another request"),
    IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", 409, "A request with this Idempotency-Key is still in progress"),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", 503, "A service this request needs is unavailable"),
    BUSY("busy", 503, "The service holds as many requests of this kind as it allows; retry after the time given (Retry-After)"),
    STATEMENT_TIMEOUT("statement-timeout", 503, "The request took too long and was stopped"),
    HTTP_ERROR("http-error", 400, "The request failed"),
    INTERNAL("internal", 500, "Internal error");

    private static final String PREFIX = "urn:duban:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type of a framework error with this HTTP status. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            default -> status >= 500 ? INTERNAL : HTTP_ERROR;
        };
    }
}

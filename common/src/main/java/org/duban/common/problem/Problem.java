package org.duban.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, as every Duban error is sent ({@code application/problem+json}).
 * {@code type} is stable per kind of error ({@link ProblemType}); {@code errors} names the
 * offending fields of a request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: a JSON path into the request ({@code unitCodes[1]}), or a parameter name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Object rejectedValue) {
        public static FieldError of(String field, String message) {
            return new FieldError(field, message, null);
        }
    }
}

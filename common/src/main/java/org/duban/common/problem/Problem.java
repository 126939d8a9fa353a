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

    /**
     * A problem names what is wrong; it never echoes a large input back. Whatever a service put
     * into it, texts are cut here: detail at 1,000 characters, a field path or message at 500, a
     * rejected value at 200.
     */
    public Problem {
        detail = cut(detail, 1000);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** One offending field: a JSON path into the request ({@code unitCodes[1]}), or a parameter name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Object rejectedValue) {
        public FieldError {
            field = cut(field, 500);
            message = cut(message, 500);
            if (rejectedValue instanceof CharSequence cs) {
                rejectedValue = cut(cs.toString(), 200);
            }
        }

        public static FieldError of(String field, String message) {
            return new FieldError(field, message, null);
        }
    }
}

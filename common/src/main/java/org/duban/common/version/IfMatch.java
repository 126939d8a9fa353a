package org.duban.common.version;

import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.util.List;

/**
 * Optimistic versions on the wire: a read answers with {@code ETag: "3"}, an update sends it back
 * as {@code If-Match: "3"} (a weak {@code W/"3"} or a bare {@code 3} are read alike). The services
 * compare it with the stored version and answer a stale one with 412.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** The version an If-Match header names; null when none was sent (or {@code *}, "any version"). */
    public static Long version(String ifMatch) {
        return version(ifMatch, null);
    }

    /** The If-Match version, which wins over a version given in the body; null when neither was sent. */
    public static Long version(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return bodyVersion;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.VALIDATION, "If-Match must be the version read (the ETag), e.g. \"3\"",
                    List.of(new Problem.FieldError(HEADER, "not a version", ifMatch)));
        }
    }
}

package org.duban.registry.city;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One problem of a change: where it is ({@code units[3]}, {@code row 5}, {@code body}), the field,
 * the message, and whether it is a clash with existing data (409) rather than an invalid value (422).
 */
@Schema(name = "ImportIssue")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(
        @Schema(description = "units[3] for JSON, \"units row 5\" for CSV (row 1 is the header)", examples = "units[3]") String where,
        @Schema(examples = "code") String code,
        @Schema(examples = "type") String field,
        @Schema(examples = "unknown type 'BUREAU'; allowed: MUNICIPAL_DEPARTMENT (市政府组成部门), ...") String message,
        @Schema(description = "true for a clash (duplicate code or name, stale version): 409") boolean conflict) {
}

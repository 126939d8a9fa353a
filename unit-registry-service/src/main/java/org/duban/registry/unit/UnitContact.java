package org.duban.registry.unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A unit's liaison (联络员). */
@Schema(name = "Contact", description = "联络员")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitContact(
        @Schema(examples = "陈晓明") String name,
        @Schema(examples = "0756-2100001") String phone,
        @Schema(examples = "gongkai@szfb.zhuhai.example") String email,
        @Schema(description = "The unit's one primary contact") boolean primary) {
}

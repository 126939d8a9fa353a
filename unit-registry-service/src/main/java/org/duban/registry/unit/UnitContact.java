package org.duban.registry.unit;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A unit's liaison (联络员). */
@Schema(name = "Contact", description = "联络员")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnitContact(
        @Schema(examples = "陈晓明") @NotBlank @Size(max = UnitApi.CONTACT_NAME_MAX) String name,
        @Schema(examples = "0756-2100001") @Size(max = UnitApi.PHONE_MAX)
        @Pattern(regexp = UnitApi.PHONE_PATTERN, message = "digits, +, -, spaces, brackets, / and 转 only") String phone,
        @Schema(examples = "gongkai@szfb.zhuhai.example") @Size(max = UnitApi.EMAIL_MAX) String email,
        @Schema(description = "The unit's one primary contact") boolean primary) {
}

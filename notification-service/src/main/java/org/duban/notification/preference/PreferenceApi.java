package org.duban.notification.preference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duban.notification.routing.EventTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

public final class PreferenceApi {
    private PreferenceApi() {
    }

    public enum Mode { OFF, IMMEDIATE, DIGEST }

    @Schema(name = "Preference", description = "How a unit wants one event type on one channel")
    public record PreferenceItem(
            @NotBlank @Size(max = EventTypes.MAX) @Pattern(regexp = EventTypes.PATTERN_OR_ANY, message = EventTypes.MESSAGE_OR_ANY)
            @Schema(description = "An event type, or * for every type", examples = "task.urged") String eventType,
            @NotBlank @Pattern(regexp = "email|webhook", message = "must be email or webhook")
            @Schema(description = "email or webhook (the inbox is always on)", examples = "email") String channel,
            @NotNull @Schema(description = "OFF, IMMEDIATE, or DIGEST (email only: in the daily digest)", examples = "DIGEST") Mode mode) {
    }

    @Schema(name = "Preferences")
    public record Preferences(@NotNull @Size(max = 200) List<@Valid @NotNull PreferenceItem> items) {
    }
}

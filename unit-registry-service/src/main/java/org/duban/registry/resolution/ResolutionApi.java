package org.duban.registry.resolution;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The bodies of POST /resolutions. */
public final class ResolutionApi {
    private ResolutionApi() {
    }

    @Schema(name = "ResolutionRequest")
    public record ResolutionRequest(
            @Schema(description = "Unit phrases of a plan (牵头及责任单位), up to 1000; empty only when texts are sent",
                    examples = "[\"市政府办公室，各区政府（管委会）政府信息公开工作主管部门\", \"市直有关单位\"]")
            @NotNull @Size(max = 1000) List<@NotNull @Size(max = Resolver.MAX_PHRASE_LENGTH) String> phrases,
            @Schema(description = "Free texts (a plan's task texts) to find the units they name themselves, up to 1000",
                    examples = "[\"市司法局要在2020年底前完成行政执法公示平台建设\"]")
            @Size(max = 1000) List<@NotNull @Size(max = ResolutionService.MAX_TEXT_LENGTH) String> texts) {
    }

    @Schema(name = "UnitNamedInText")
    public record UnitNamedInText(@Schema(examples = "sfj") String code, @Schema(examples = "珠海市司法局") String name,
                                  @Schema(description = "The name as written in the text", examples = "市司法局") String text,
                                  @Schema(description = "Where it starts in the text (UTF-16 index)", examples = "0") int offset) {
    }

    @Schema(name = "UnitsInText")
    public record UnitsInTextView(@Schema(description = "The active units the text names, in the order written")
                                  List<UnitNamedInText> units) {
    }

    @Schema(name = "ResolutionCity", description = "The registry's city")
    public record City(@Schema(examples = "zhuhai") String code, @Schema(examples = "珠海市") String name,
                       @Schema(description = "Short forms dropped as a prefix", examples = "[\"珠海\"]") List<String> shortNames) {
    }

    @Schema(name = "UnitRef")
    public record UnitRef(@Schema(examples = "szfb") String code, @Schema(examples = "珠海市人民政府办公室") String name,
                          @Schema(examples = "市政府办公室") String shortName) {
    }

    @Schema(name = "Mention")
    public record MentionView(
            @Schema(description = "The mention as written", examples = "各区政府（管委会）政府信息公开工作主管部门") String text,
            @Schema(description = "UNIT, GROUP, OPEN_GROUP (to be designated), ROLE (a role within units), UNRESOLVED")
            Resolution.Kind kind,
            @Schema(description = "The unit or group named (for a role: where the role sits)", examples = "gqzf-gwh") String ref,
            @Schema(examples = "各区政府（管委会）") String refName,
            @Schema(description = "For ROLE: the role tag", examples = "openness-office") String role,
            @Schema(examples = "政府信息公开工作主管部门") String roleName,
            @Schema(description = "The units it expands to") List<String> unitCodes,
            @Schema(description = "This mention's unit leads the task") boolean lead,
            @Schema(description = "For UNRESOLVED: the closest units and groups") List<Resolution.Candidate> candidates,
            String note) {
    }

    @Schema(name = "PhraseResolution")
    public record PhraseResolution(
            String phrase,
            @Schema(description = "No mention is unresolved") boolean complete,
            @Schema(description = "An open group asks the supervisor to designate units") boolean toBeDesignated,
            @Schema(description = "The first of the leads; null when there is none (only groups are named)") UnitRef lead,
            @Schema(description = "All units of all mentions, in order, without repeats") List<UnitRef> units,
            List<MentionView> mentions,
            @Schema(description = "Every lead unit, in order: the units marked 牵头 (each of \"X、Y分别牵头落实\"), else the "
                    + "first named unit not marked as supporting") List<UnitRef> leads) {
    }

    @Schema(name = "ResolutionResult")
    public record ResolutionResult(
            @Schema(description = "The registry's city the phrases were resolved against, so that a caller can compare it "
                    + "with the city of the plan the phrases come from; null before a city is imported") City city,
            List<PhraseResolution> results,
            @Schema(description = "One per text sent, in order (empty when no texts were sent)") List<UnitsInTextView> texts) {
    }
}

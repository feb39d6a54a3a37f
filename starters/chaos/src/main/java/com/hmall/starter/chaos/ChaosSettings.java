package com.hmall.starter.chaos;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code GET} and {@code PUT /demo/chaos}. */
public record ChaosSettings(
        @Schema(description = "Milliseconds added to every business request and every message", example = "2000")
        @NotNull @Min(0) @Max(10_000) Long latencyMs,
        @Schema(description = "true: business endpoints answer 503 and queued messages wait", example = "false")
        @NotNull Boolean outage) {

    public static final ChaosSettings CALM = new ChaosSettings(0L, false);
}

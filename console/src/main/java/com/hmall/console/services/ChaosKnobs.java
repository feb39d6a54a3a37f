package com.hmall.console.services;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A service's chaos knobs, as its {@code /demo/chaos} takes and answers them. */
public record ChaosKnobs(
        @Schema(description = "Milliseconds added to every business request and every message", example = "50")
        @NotNull @Min(0) @Max(10_000) Long latencyMs,
        @Schema(description = "true: business endpoints answer 503 and queued messages wait", example = "false")
        @NotNull Boolean outage) {
}

package com.hmall.common.chaos;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code GET} and {@code PUT /demo/chaos}. */
public record ChaosSettings(
        @NotNull @Min(0) @Max(10_000) Long latencyMs,
        @NotNull Boolean outage) {

    public static final ChaosSettings CALM = new ChaosSettings(0L, false);
}

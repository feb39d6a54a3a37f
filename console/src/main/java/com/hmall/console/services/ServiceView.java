package com.hmall.console.services;

import io.swagger.v3.oas.annotations.media.Schema;

/** A service of the suite; its knobs are null where it has none (pay-service) or does not answer. */
public record ServiceView(
        @Schema(example = "notify-service") String name,
        @Schema(example = "http://127.0.0.1:8084") String url,
        @Schema(allowableValues = { "UP", "OUTAGE", "DOWN" }) String status,
        @Schema(example = "0") Long latencyMs,
        @Schema(example = "false") Boolean outage) {
}

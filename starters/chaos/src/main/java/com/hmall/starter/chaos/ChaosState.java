package com.hmall.starter.chaos;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code GET} and {@code PUT /demo/chaos}: the knobs, and what they do to this service's queues. */
public record ChaosState(
        @Schema(description = "Milliseconds added to every business request and every message", example = "0")
        long latencyMs,
        @Schema(description = "true: business endpoints answer 503 and queued messages wait", example = "false")
        boolean outage,
        @Schema(description = "The queues this service consumes from; empty for a service that consumes none")
        List<QueueState> queues) {
}

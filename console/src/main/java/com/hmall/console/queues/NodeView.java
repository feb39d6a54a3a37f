package com.hmall.console.queues;

import io.swagger.v3.oas.annotations.media.Schema;

/** A node of the RabbitMQ cluster, as its management API reports it. */
public record NodeView(
        @Schema(example = "rabbit@rabbitmq") String name,
        @Schema(description = "Whether it runs now; a stopped member is still listed", example = "true") boolean running) {
}

package com.hmall.starter.chaos;

import io.swagger.v3.oas.annotations.media.Schema;

/** One queue of this service: messages ready in it and consumers on it, both live from the broker. */
public record QueueState(
        @Schema(example = "notify.pay.success.queue") String name,
        @Schema(description = "Messages ready in the queue; null when the broker cannot be asked", example = "0")
        Long messages,
        @Schema(description = "Consumers on the queue, every instance of every service; 0 during this "
                + "service's outage when it runs alone", example = "4") Long consumers) {
}

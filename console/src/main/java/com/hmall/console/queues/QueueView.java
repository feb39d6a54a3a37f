package com.hmall.console.queues;

import io.swagger.v3.oas.annotations.media.Schema;

/** A queue bound to pay.topic, and the depth of its dead-letter queue. */
public record QueueView(
        @Schema(example = "notify.pay.success.queue") String queue,
        @Schema(example = "1") int consumers,
        @Schema(description = "Messages waiting in the queue (ready and unacknowledged)", example = "0") long messages,
        @Schema(description = "Messages in its dead-letter queue(s)", example = "0") long deadLetters,
        @Schema(description = "Its dead-letter queue, when it has one", example = "notify.pay.success.dlq")
        String deadLetterQueue,
        @Schema(description = "The node that leads it (a quorum queue's Raft leader): on a cluster, where its writes go",
                example = "rabbit@rabbitmq") String leader) {
}

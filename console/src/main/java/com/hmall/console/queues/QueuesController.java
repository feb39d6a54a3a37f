package com.hmall.console.queues;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.starter.web.ErrorCode;
import com.hmall.starter.web.ProblemResponses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;

@Tag(name = "queues", description = "The queues bound to pay.topic, discovered from the broker")
@RestController
@RequiredArgsConstructor
class QueuesController {

    private final PayTopicQueues queues;
    private final ClusterNodes nodes;

    @Operation(summary = "Every queue bound to pay.topic: depth, consumers, dead letters",
            description = "503 SERVICE_UNAVAILABLE (service: rabbitmq) while the broker's management API does not answer.")
    @ProblemResponses({ ErrorCode.SERVICE_UNAVAILABLE })
    @GetMapping("/api/queues")
    List<QueueView> queues() {
        return queues.queues();
    }

    @Operation(summary = "The broker's nodes: one, or every member of a cluster, each running or not",
            description = "503 SERVICE_UNAVAILABLE (service: rabbitmq) while the broker's management API does not answer.")
    @ProblemResponses({ ErrorCode.SERVICE_UNAVAILABLE })
    @GetMapping("/api/nodes")
    List<NodeView> nodes() {
        return nodes.nodes();
    }
}

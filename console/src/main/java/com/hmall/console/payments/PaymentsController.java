package com.hmall.console.payments;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hmall.console.queues.PayTopicQueues;
import com.hmall.console.spans.SpanStore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import lombok.RequiredArgsConstructor;

@Tag(name = "payments", description = "Each payment's timeline, assembled from its trace")
@RestController
@RequiredArgsConstructor
class PaymentsController {

    private final SpanStore store;
    private final PayTopicQueues queues;

    @Operation(summary = "The latest payments, newest first, one lane per step and per consumer",
            description = "A trace shows up once pay-service's payment span has arrived. Waiting lanes: an async "
                    + "payment's queues bound to pay.topic whose consumer has not reported yet.")
    @GetMapping("/api/payments")
    List<PaymentTimeline> payments(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        var lastConsumerOfQueue = store.lastConsumerOfQueue();
        // The broker's bindings when it answers; else the queues consumers were last seen on.
        List<String> bound = queues.boundQueueNames().orElseGet(() -> List.copyOf(lastConsumerOfQueue.keySet()));
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        return store.traces().stream()
                .map(trace -> PaymentAssembler.assemble(trace, bound, lastConsumerOfQueue, nowMicros))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((PaymentTimeline p) -> Instant.parse(p.startedAt()), Comparator.reverseOrder())
                        .thenComparing(PaymentTimeline::traceId))
                .limit(limit)
                .toList();
    }
}

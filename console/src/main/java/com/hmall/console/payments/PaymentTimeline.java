package com.hmall.console.payments;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One payment as {@code GET /api/payments} answers it. Times are milliseconds from the start of
 * pay-service's payment span; {@code startedAt} is that start as an ISO-8601 instant.
 */
public record PaymentTimeline(
        @Schema(example = "6a1f0c2e9b7d4e55a0c3b1d2e4f60718") String traceId,
        @Schema(example = "PAY1733011200123456") String payOrderNo,
        Long payOrderId,
        @Schema(description = "Who paid, from the payment span's user.id tag", example = "1") Long userId,
        @Schema(description = "Fen paid, from the payment span's amount tag", example = "1000") Long amount,
        @Schema(allowableValues = { "sync", "async" }) String mode,
        @Schema(description = "The payment span's outcome: SUCCESS or the error code", example = "SUCCESS") String status,
        @Schema(description = "When pay-service answered, ms after the start", example = "42.7") double answeredMs,
        String startedAt,
        @Schema(description = "The payment span's error, when the system failed") String detail,
        List<Lane> lanes) {

    /**
     * One bar: a step of the payment, done by {@code service}, or a service that consumed (or has
     * yet to consume) its event. {@code queue} is set for consumers; {@code instance} names the
     * instance that did it (its spans' {@code hmall.instance} tag, host:port), when it has reported.
     */
    public record Lane(
            @Schema(example = "notify-service") String service,
            @Schema(description = "deduct, pay-order, trade, notify, points, publish, refund, trade-unpaid, or consume",
                    example = "deduct") String step,
            double startMs,
            @Schema(description = "For a waiting lane: how long it has waited so far") double durationMs,
            @Schema(allowableValues = { "ok", "failed", "waiting" }) String outcome,
            @Schema(example = "notify.pay.success.queue") String queue,
            @Schema(description = "The instance that did it (host:port); null while waiting or when unknown",
                    example = "classroom-pc:8084") String instance) {
    }
}

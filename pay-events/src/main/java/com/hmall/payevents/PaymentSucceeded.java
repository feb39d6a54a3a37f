package com.hmall.payevents;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Published by pay-service once a balance payment has committed. Consumers must treat it as
 * at-least-once: the same {@code eventId} (and so the same {@code payOrderNo}) may arrive again. The
 * constraints are the sync endpoints' rules for the same facts ({@link PaymentNotice}); a listener
 * that takes it {@code @Valid} sends an event breaking them straight to its dead-letter queue.
 *
 * @param eventId    unique per event; also the AMQP {@code message_id}
 * @param bizOrderNo the trade order id the payment was for
 * @param amount     fen
 */
public record PaymentSucceeded(
        String eventId,
        long payOrderId,
        @NotBlank @Size(min = 1, max = 64) String payOrderNo,
        @Positive long bizOrderNo,
        @Positive long userId,
        @Min(1) @Max(Money.MAX_PAYMENT) long amount,
        @NotNull Instant paidAt) {
}

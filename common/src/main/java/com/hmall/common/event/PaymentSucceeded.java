package com.hmall.common.event;

import java.time.Instant;

/**
 * Published by pay-service once a balance payment has committed. Consumers must treat it as
 * at-least-once: the same {@code eventId} (and so the same {@code payOrderNo}) may arrive again.
 *
 * @param eventId    unique per event; also the AMQP {@code message_id}
 * @param bizOrderNo the trade order id the payment was for
 * @param amount     fen
 */
public record PaymentSucceeded(
        String eventId,
        long payOrderId,
        String payOrderNo,
        long bizOrderNo,
        long userId,
        long amount,
        Instant paidAt) {
}

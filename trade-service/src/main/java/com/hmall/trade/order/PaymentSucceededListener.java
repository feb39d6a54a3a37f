package com.hmall.trade.order;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.common.chaos.ChaosKnobs;
import com.hmall.common.event.PaymentSucceeded;
import com.hmall.common.messaging.ConsumerMetrics;
import com.hmall.common.messaging.PayTopology;
import com.hmall.common.web.ApiException;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/** The async path: marks the trade order paid through the same method the sync call uses. */
@Slf4j
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final OrderService orderService;
    private final ChaosKnobs chaosKnobs;
    private final ConsumerMetrics consumerMetrics;

    @RabbitListener(queues = PayTopology.TRADE_QUEUE)
    void on(PaymentSucceeded event) {
        chaosKnobs.beforeMessage();
        if (event.payOrderNo() == null || event.paidAt() == null) {
            throw new AmqpRejectAndDontRequeueException("Incomplete PaymentSucceeded " + event.eventId());
        }
        try {
            orderService.markPaid(event.bizOrderNo(), event.payOrderNo(), event.paidAt());
        } catch (ApiException unknownOrClosedOrder) {
            // No retry can fix a missing or closed order: straight to the dead-letter queue for a human.
            throw new AmqpRejectAndDontRequeueException("Cannot mark order " + event.bizOrderNo()
                    + " paid for pay order " + event.payOrderNo() + ": " + unknownOrClosedOrder.getMessage(),
                    unknownOrClosedOrder);
        }
        consumerMetrics.effectWritten(event);
        log.info("PaymentSucceeded {} handled: order {} is paid", event.eventId(), event.bizOrderNo());
    }
}

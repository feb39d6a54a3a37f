package com.hmall.trade.order;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.web.ApiException;

import jakarta.validation.Valid;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/** The async path: marks the trade order paid through the same method the sync call uses. */
@Slf4j
@Component
@RequiredArgsConstructor
class PaymentSucceededListener {

    private final OrderService orderService;

    @RabbitListener(queues = PaymentEventsConfiguration.QUEUE)
    void on(@Valid PaymentSucceeded event) {
        try {
            orderService.markPaid(event.bizOrderNo(), event.payOrderNo(), event.paidAt());
        } catch (ApiException unknownOrClosedOrder) {
            // No retry can fix a missing or closed order: straight to the dead-letter queue for a human.
            throw new AmqpRejectAndDontRequeueException("Cannot mark order " + event.bizOrderNo()
                    + " paid for pay order " + event.payOrderNo() + ": " + unknownOrClosedOrder.getMessage(),
                    unknownOrClosedOrder);
        }
        log.info("PaymentSucceeded {} handled: order {} is paid", event.eventId(), event.bizOrderNo());
    }
}

package com.hmall.trade.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;


import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.messaging.AbstractPaymentConsumerContractTest;
import com.hmall.starter.messaging.PaymentMessages;
import com.hmall.trade.TradeServiceIntegrationTest;

/**
 * trade-service keeps the consumer contract; its own rule: the payment moves its order to PAID with
 * the pay order and the time of the first payment, and a payment no order can take (unknown,
 * closed) goes to the dead-letter queue at once.
 */
@TradeServiceIntegrationTest
class PaymentSucceededListenerIntegrationTests extends AbstractPaymentConsumerContractTest {

    @Autowired
    private OrderService orderService;

    @Autowired
    private OrderMapper orders;

    PaymentSucceededListenerIntegrationTests() {
        super(PaymentEventsConfiguration.QUEUE, PaymentEventsConfiguration.DEAD_LETTER_QUEUE);
    }

    /** A payment for an order of its own, created unpaid. */
    @Override
    protected PaymentSucceeded newPayment() {
        return paymentFor(newOrder());
    }

    @Override
    protected long effectsOf(PaymentSucceeded event) {
        Order order = orders.selectById(event.bizOrderNo());
        return order != null && order.getStatus() == OrderStatus.PAID ? 1 : 0;
    }

    @Override
    protected void assertEffectOf(PaymentSucceeded event) {
        Order order = orders.selectById(event.bizOrderNo());
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.getPayOrderNo()).isEqualTo(event.payOrderNo());
        assertThat(order.getPayTime()).isEqualTo(event.paidAt());
    }

    /** pay-service's sync mode: {@code PUT /orders/{id}/paid}. */
    @Override
    protected void handleThroughTheSyncCall(PaymentSucceeded event) {
        assertThat(orderService.markPaid(event.bizOrderNo()).status()).isEqualTo(OrderStatus.PAID);
    }

    @Override
    protected void failEveryAttemptFor(PaymentSucceeded event, Answer<?> failure) {
        doAnswer(failure).when(orderService).markPaid(eq(event.bizOrderNo()), anyString(), any());
    }

    @Test
    void shouldDeadLetterAPaymentForAClosedOrderAndLeaveItClosed() {
        long orderId = newOrder();
        orders.update(new LambdaUpdateWrapper<Order>()
                .set(Order::getStatus, OrderStatus.CLOSED).eq(Order::getId, orderId));
        PaymentSucceeded event = paymentFor(orderId);

        messages.publish(event);

        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(event.eventId()));
        assertThat(orders.selectById(orderId).getStatus()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void shouldDeadLetterAPaymentForAnUnknownOrder() {
        PaymentSucceeded event = paymentFor(Long.MAX_VALUE);

        messages.publish(event);

        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(event.eventId()));
    }

    private long newOrder() {
        return orderService.create(new CreateOrderRequest(7L, 2_500L)).id();
    }

    private static PaymentSucceeded paymentFor(long orderId) {
        return payment(7L, orderId, PaymentMessages.uniquePayOrderNo(), 2_500L);
    }
}

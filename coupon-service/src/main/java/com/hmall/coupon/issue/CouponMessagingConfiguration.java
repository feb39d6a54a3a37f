package com.hmall.coupon.issue;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.payevents.PayEvents;
import com.hmall.starter.messaging.ConsumerTopology;

/**
 * coupon-service's own queue, bound to the payment events, and its dead-letter queue: declared
 * here, when coupon-service starts. This is all it takes to subscribe; pay-service publishes to
 * the exchange and never hears of this queue.
 */
@Configuration(proxyBeanMethods = false)
public class CouponMessagingConfiguration {

    public static final String QUEUE = "coupon.pay.success.queue";
    public static final String DEAD_LETTER_QUEUE = "coupon.pay.success.dlq";

    @Bean
    Declarables couponTopology() {
        return ConsumerTopology.declare(QUEUE, DEAD_LETTER_QUEUE, PayEvents.payExchange(), PayEvents.PAY_SUCCESS_KEY);
    }
}

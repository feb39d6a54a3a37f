package com.hmall.payevents;

import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * What pay-service publishes, and where: the topic exchange and the routing key of
 * {@link PaymentSucceeded}. The producer owns these names; a consumer binds a queue of its own to
 * them and needs nothing else from pay-service. No consumer queue is named here: pay-service does
 * not know who listens.
 */
public final class PayEvents {

    public static final String EXCHANGE = "pay.topic";
    public static final String PAY_SUCCESS_KEY = "pay.success";

    private PayEvents() {
    }

    /** Durable; declaring it again is harmless, so producer and consumers each declare it. */
    public static TopicExchange payExchange() {
        return ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
    }
}

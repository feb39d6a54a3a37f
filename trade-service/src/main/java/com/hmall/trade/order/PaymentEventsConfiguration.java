package com.hmall.trade.order;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.payevents.PayEvents;
import com.hmall.starter.messaging.ConsumerTopology;

/**
 * trade-service's own queue, bound to the payment events, and its dead-letter queue. The consumer
 * declares them; pay-service publishes to the exchange and knows nothing of this queue.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentEventsConfiguration {

    public static final String QUEUE = "trade.pay.success.queue";
    public static final String DEAD_LETTER_QUEUE = "trade.pay.success.dlq";

    @Bean
    Declarables tradePaySuccessTopology() {
        return ConsumerTopology.declare(QUEUE, DEAD_LETTER_QUEUE, PayEvents.payExchange(), PayEvents.PAY_SUCCESS_KEY);
    }
}

package com.hmall.notify.notification;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.payevents.PayEvents;
import com.hmall.starter.messaging.ConsumerTopology;

/**
 * notify-service's own queue, bound to the payment events, and its dead-letter queue. The consumer
 * declares them; pay-service publishes to the exchange and knows nothing of this queue.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationMessagingConfiguration {

    public static final String QUEUE = "notify.pay.success.queue";
    public static final String DEAD_LETTER_QUEUE = "notify.pay.success.dlq";

    @Bean
    Declarables notifyTopology() {
        return ConsumerTopology.declare(QUEUE, DEAD_LETTER_QUEUE, PayEvents.payExchange(), PayEvents.PAY_SUCCESS_KEY);
    }
}

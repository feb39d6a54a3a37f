package com.hmall.notify.notification;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.common.messaging.PayTopology;

/** notify-service declares its own queue and dead-letter queue; pay-service needs to know nothing of it. */
@Configuration(proxyBeanMethods = false)
class NotificationMessagingConfiguration {

    @Bean
    Declarables notifyTopology() {
        return PayTopology.consumerTopology(PayTopology.NOTIFY_QUEUE, PayTopology.NOTIFY_DLQ);
    }
}

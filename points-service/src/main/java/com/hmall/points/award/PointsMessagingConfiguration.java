package com.hmall.points.award;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.common.messaging.PayTopology;

/** points-service declares its own queue and dead-letter queue; pay-service needs to know nothing of it. */
@Configuration(proxyBeanMethods = false)
class PointsMessagingConfiguration {

    @Bean
    Declarables pointsTopology() {
        return PayTopology.consumerTopology(PayTopology.POINTS_QUEUE, PayTopology.POINTS_DLQ);
    }
}

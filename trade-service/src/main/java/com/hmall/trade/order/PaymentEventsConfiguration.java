package com.hmall.trade.order;

import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.common.messaging.PayTopology;

@Configuration(proxyBeanMethods = false)
class PaymentEventsConfiguration {

    /** This service's own queue and dead-letter queue; pay-service needs to know nothing of them. */
    @Bean
    Declarables tradePaySuccessTopology() {
        return PayTopology.consumerTopology(PayTopology.TRADE_QUEUE, PayTopology.TRADE_DLQ);
    }
}

package com.hmall.pay.outbox;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.common.messaging.PayTopology;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

    /**
     * pay-service declares only the exchange it publishes to. Each consumer declares and binds its
     * own queue, so a new consumer needs no change here.
     */
    @Bean
    TopicExchange payExchange() {
        return PayTopology.payExchange();
    }
}

package com.hmall.starter.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The messaging starter's own settings; retry and prefetch stay Spring Boot's
 * ({@code spring.rabbitmq.listener.simple.*}).
 *
 * @param consumerName the {@code consumer} tag of the consumer metrics; empty: the application's
 *                     name without "-service" (points-service: {@code points})
 */
@ConfigurationProperties("hmall.messaging")
public record MessagingProperties(String consumerName) {
}

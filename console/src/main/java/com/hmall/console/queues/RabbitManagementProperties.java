package com.hmall.console.queues;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console asks RabbitMQ about queues: its management HTTP API
 * ({@code HMALL_RABBITMQ_MANAGEMENT_URL}), with the broker user and vhost the services use.
 */
@ConfigurationProperties("hmall.console.rabbitmq")
public record RabbitManagementProperties(
        @DefaultValue("http://127.0.0.1:15672") URI managementUrl,
        @DefaultValue("guest") String username,
        @DefaultValue("guest") String password,
        @DefaultValue("/") String virtualHost,
        @DefaultValue("pay.topic") String exchange,
        @DefaultValue("1s") Duration cacheFor,
        @DefaultValue("1s") Duration timeout) {
}

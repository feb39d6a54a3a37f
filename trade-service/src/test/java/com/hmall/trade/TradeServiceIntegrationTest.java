package com.hmall.trade;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one Spring context every integration test of this module shares: the real MariaDB and
 * RabbitMQ. One listener thread instead of the application's four, so that the queue is handled in
 * order and a test can wait for a marker message to know that the messages before it were handled.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "spring.rabbitmq.listener.simple.concurrency=1")
@AutoConfigureMockMvc
public @interface TradeServiceIntegrationTest {
}

package com.hmall.trade;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.hmall.trade.order.OrderService;

/**
 * The one Spring context every integration test of this module shares: the real MariaDB and
 * RabbitMQ. One listener thread instead of the application's four, so that the queue is handled in
 * order and a test can wait for a marker message to know that the messages before it were handled.
 * The chaos knobs are on, for the consumer contract's outage. {@link OrderService} is a spy, calling
 * through unless a test makes it fail: declared here rather than in one test, so that no second
 * context starts a second consumer on the same queue.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "demo.chaos.enabled=true", "spring.rabbitmq.listener.simple.concurrency=1" })
@AutoConfigureMockMvc
@MockitoSpyBean(types = OrderService.class)
public @interface TradeServiceIntegrationTest {
}

package com.hmall.coupon.issue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The one application context every integration test of this module shares: the real database and
 * broker, a real port for concurrent calls, MockMvc for the rest, and the chaos knobs switched on.
 * {@link CouponService} is a spy, calling through unless a test makes it fail: declared here, so
 * that no second context starts a second consumer on the same queue.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// One listener thread: the queue is then handled in order, and a test can wait for a marker message
// to know that the messages before it were handled.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "demo.chaos.enabled=true", "spring.rabbitmq.listener.simple.concurrency=1" })
@AutoConfigureMockMvc
@MockitoSpyBean(types = CouponService.class)
@interface CouponIntegrationTest {
}

package com.hmall.user;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one Spring context every integration test of this module shares: the real MariaDB and
 * RabbitMQ, a cheap BCrypt strength, and a payment lock short enough to watch it lift.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "user.password.bcrypt-strength=4",
        "user.payment-lock.cool-down=3s"
})
@AutoConfigureMockMvc
public @interface UserServiceIntegrationTest {
}

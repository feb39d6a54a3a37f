package com.hmall.notify.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionProxy;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.hmall.notify.notification.NotificationMessagingConfiguration;

/**
 * With {@code RABBITMQ_ADDRESSES} the service reaches the broker through whichever address answers:
 * the first one here is a port nobody listens on, the second the real broker. Its listeners stay
 * off, so this context never competes for messages with the module's other tests, and it is closed
 * when done.
 */
@SpringBootTest(properties = {
        "RABBITMQ_ADDRESSES=127.0.0.1:1,${RABBITMQ_HOST:127.0.0.1}:${RABBITMQ_PORT:5672}",
        "spring.rabbitmq.listener.simple.auto-startup=false" })
@DirtiesContext
class BrokerAddressesIntegrationTests {

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    AmqpAdmin rabbitAdmin;

    @Test
    void shouldConnectThroughTheNextAddressWhenTheFirstIsDead() {
        String brokerPort = System.getenv().getOrDefault("RABBITMQ_PORT", "5672");

        try (Connection connection = connectionFactory.createConnection()) {
            assertThat(connection.isOpen()).isTrue();
            assertThat(((ConnectionProxy) connection).getTargetConnection().getDelegate().getPort())
                    .isEqualTo(Integer.parseInt(brokerPort));
        }
        // Declared on that connection: the service's own queue is there, in the tests' vhost.
        assertThat(rabbitAdmin.getQueueProperties(NotificationMessagingConfiguration.QUEUE)).isNotNull();
    }
}

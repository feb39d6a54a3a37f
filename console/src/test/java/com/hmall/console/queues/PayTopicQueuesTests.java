package com.hmall.console.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

class PayTopicQueuesTests {

    @Test
    void shouldAnswer503NamingRabbitMqWhenTheBrokerDoesNotAnswer() {
        PayTopicQueues unreachable = new PayTopicQueues(new RabbitManagementProperties(URI.create("http://127.0.0.1:1"),
                "guest", "guest", "/", "pay.topic", Duration.ofSeconds(1), Duration.ofMillis(500)));

        assertThatThrownBy(unreachable::queues).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("RabbitMQ");
            assertThat(e.getProperties()).containsEntry("service", "rabbitmq");
        });
        assertThat(unreachable.boundQueueNames()).isEmpty();
    }

    @Test
    void shouldMatchBindingKeysAsRabbitMqDoes() {
        assertThat(PayTopicQueues.matches("pay.success", "pay.success")).isTrue();
        assertThat(PayTopicQueues.matches("pay.*", "pay.success")).isTrue();
        assertThat(PayTopicQueues.matches("pay.#", "pay.success")).isTrue();
        assertThat(PayTopicQueues.matches("#", "pay.success")).isTrue();
        assertThat(PayTopicQueues.matches("", "anything")).isTrue();
        assertThat(PayTopicQueues.matches("pay.failure", "pay.success")).isFalse();
        assertThat(PayTopicQueues.matches("*.success.x", "pay.success")).isFalse();
    }
}

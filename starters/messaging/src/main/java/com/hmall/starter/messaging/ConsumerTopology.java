package com.hmall.starter.messaging;

import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * A consumer's own part of the broker: its quorum queue bound to the producer's exchange and
 * routing key, and its own dead-letter queue behind {@value #DEAD_LETTER_EXCHANGE}. Each consumer
 * declares this for itself (declaring is idempotent), so the producer never names a consumer queue.
 */
public final class ConsumerTopology {

    /** Shared by every consumer: each one's dead letters are routed by its queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "pay.dlx";

    /**
     * A safety net behind the listener's own bounded retry: a message redelivered this many times
     * (a consumer crashing on it, say) is dead-lettered instead of looping forever. RabbitMQ 3.x
     * quorum queues have no limit unless one is set.
     */
    static final int DELIVERY_LIMIT = 10;

    private ConsumerTopology() {
    }

    /** {@code queueName} bound to {@code exchange} with {@code routingKey}, dead letters in {@code deadLetterQueueName}. */
    public static Declarables declare(String queueName, String deadLetterQueueName, TopicExchange exchange,
            String routingKey) {
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(DEAD_LETTER_EXCHANGE).durable(true).build();
        Queue queue = QueueBuilder.durable(queueName)
                .quorum()
                .deliveryLimit(DELIVERY_LIMIT)
                .deadLetterExchange(DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(queueName)
                // At-least-once dead-lettering: a dead letter is only dropped from the source queue
                // once the dead-letter queue has confirmed it (RabbitMQ 3.10+; needs reject-publish).
                .withArguments(Map.of("x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish"))
                .build();
        Queue deadLetterQueue = QueueBuilder.durable(deadLetterQueueName).quorum().build();
        Binding binding = BindingBuilder.bind(queue).to(exchange).with(routingKey);
        Binding deadLetterBinding = BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(queueName);
        return new Declarables(exchange, deadLetterExchange, queue, deadLetterQueue, binding, deadLetterBinding);
    }
}

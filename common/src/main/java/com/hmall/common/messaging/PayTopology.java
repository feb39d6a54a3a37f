package com.hmall.common.messaging;

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
 * The one place where the names of the payment exchange, its routing key and every consumer queue
 * live. Producer and consumers both read them from here, so they cannot drift apart.
 */
public final class PayTopology {

    public static final String EXCHANGE = "pay.topic";
    public static final String PAY_SUCCESS_KEY = "pay.success";
    public static final String DEAD_LETTER_EXCHANGE = "pay.dlx";

    public static final String TRADE_QUEUE = "trade.pay.success.queue";
    public static final String NOTIFY_QUEUE = "notify.pay.success.queue";
    public static final String POINTS_QUEUE = "points.pay.success.queue";

    public static final String TRADE_DLQ = "trade.pay.success.dlq";
    public static final String NOTIFY_DLQ = "notify.pay.success.dlq";
    public static final String POINTS_DLQ = "points.pay.success.dlq";

    /**
     * A safety net behind the listener's own bounded retry: a message redelivered this many times
     * (a consumer crashing on it, say) is dead-lettered instead of looping forever. RabbitMQ 3.x
     * quorum queues have no limit unless one is set.
     */
    static final int DELIVERY_LIMIT = 10;

    private PayTopology() {
    }

    public static TopicExchange payExchange() {
        return ExchangeBuilder.topicExchange(EXCHANGE).durable(true).build();
    }

    /**
     * Everything one consumer needs: the payment exchange, its quorum queue bound to
     * {@code pay.success}, and its own dead-letter queue behind {@code pay.dlx}. Declaring it is
     * idempotent, so every consumer declares its own part and needs nothing from pay-service.
     */
    public static Declarables consumerTopology(String queueName, String deadLetterQueueName) {
        TopicExchange exchange = payExchange();
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
        Binding binding = BindingBuilder.bind(queue).to(exchange).with(PAY_SUCCESS_KEY);
        Binding deadLetterBinding = BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(queueName);
        return new Declarables(exchange, deadLetterExchange, queue, deadLetterQueue, binding, deadLetterBinding);
    }
}

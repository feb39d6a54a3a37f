package com.hmall.starter.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.hmall.payevents.PaymentNotice;
import com.hmall.payevents.PaymentSucceeded;
import com.rabbitmq.client.GetResponse;

/**
 * Test data and the broker side of the tests. Events go through the default exchange straight to
 * the consumer's own queue, so the other services' queues bound to {@code pay.topic} see nothing.
 */
public final class PaymentMessages {

    private final RabbitTemplate rabbitTemplate;
    private final String queue;
    private final String deadLetterQueue;

    /** For the consumer of {@code queue}, whose dead letters land in {@code deadLetterQueue}. */
    public PaymentMessages(RabbitTemplate rabbitTemplate, String queue, String deadLetterQueue) {
        this.rabbitTemplate = rabbitTemplate;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    public static String uniquePayOrderNo() {
        return "test-" + UUID.randomUUID();
    }

    public static long uniqueUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
    }

    public static PaymentNotice notice(long userId, String payOrderNo, long amount) {
        return new PaymentNotice(userId, 17L, payOrderNo, amount);
    }

    /**
     * Request bodies that break {@link PaymentNotice}'s rules or are no notice at all: each sync
     * endpoint taking one answers 400 {@code VALIDATION_FAILED} to all of them. For
     * {@code @MethodSource("com.hmall.starter.messaging.PaymentMessages#invalidNoticeBodies")}.
     */
    public static Stream<String> invalidNoticeBodies() {
        return Stream.of(
                "{\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":0,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":-1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":\"one\",\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":1,\"bizOrderNo\":0,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":1,\"bizOrderNo\":-17,\"payOrderNo\":\"p-1\",\"amount\":12345}",
                "{\"userId\":1,\"bizOrderNo\":17,\"amount\":12345}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\" \",\"amount\":12345}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"" + "p".repeat(65) + "\",\"amount\":1}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":0}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":-100}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":100000001}",
                "{\"userId\":1,\"bizOrderNo\":17,\"payOrderNo\":\"p-1\",\"amount\":\"lots\"}",
                "{\"userId\":1,",
                "not json",
                "");
    }

    public static PaymentSucceeded event(PaymentNotice notice) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), 1L, notice.payOrderNo(), notice.bizOrderNo(),
                notice.userId(), notice.amount(), Instant.now());
    }

    public void publish(PaymentSucceeded event) {
        rabbitTemplate.convertAndSend("", queue, event, message -> {
            message.getMessageProperties().setMessageId(event.eventId());
            message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            return message;
        });
    }

    /** Publishes a body as JSON whatever it holds, the way a broken producer would. */
    public void publishRaw(String body, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(messageId);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        rabbitTemplate.send("", queue, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /**
     * Removes the dead letter with this message id, if it is there, and leaves every other message
     * in the dead-letter queue as it was: they may belong to someone else.
     */
    public boolean takeDeadLetter(String messageId) {
        Boolean found = rabbitTemplate.execute(channel -> {
            List<Long> others = new ArrayList<>();
            try {
                GetResponse response;
                while ((response = channel.basicGet(deadLetterQueue, false)) != null) {
                    long deliveryTag = response.getEnvelope().getDeliveryTag();
                    if (messageId.equals(response.getProps().getMessageId())) {
                        channel.basicAck(deliveryTag, false);
                        return true;
                    }
                    others.add(deliveryTag);
                }
                return false;
            } finally {
                for (long deliveryTag : others) {
                    channel.basicNack(deliveryTag, false, true);
                }
            }
        });
        return Boolean.TRUE.equals(found);
    }
}

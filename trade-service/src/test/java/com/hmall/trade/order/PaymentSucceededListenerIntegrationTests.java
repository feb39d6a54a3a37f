package com.hmall.trade.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import com.hmall.starter.messaging.ConsumerTopology;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.payevents.PayEvents;
import com.hmall.trade.TradeServiceIntegrationTest;
import com.rabbitmq.client.GetResponse;

/**
 * The async path against the real broker. Events go to the default exchange straight into the
 * trade queue, so no other service's queue sees them. Dead letters are watched through a
 * temporary queue bound next to the real DLQ, and only this test's own messages are taken out of
 * the DLQ.
 */
@TradeServiceIntegrationTest
class PaymentSucceededListenerIntegrationTests {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Autowired
    private RabbitTemplate rabbitTemplate;

    @Autowired
    private RabbitAdmin rabbitAdmin;

    @Autowired
    private OrderService orderService;

    @Autowired
    private OrderMapper orders;

    @Autowired
    private Clock clock;

    private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();
    private Queue deadLetterTap;

    @BeforeEach
    void tapDeadLetters() {
        // Exclusive and auto-delete, so it goes away with the connection whatever happens; no
        // AnonymousQueue, whose leader-locator argument RabbitMQ 3.x refuses on a classic queue.
        deadLetterTap = QueueBuilder.nonDurable("trade.test.dead-letter-tap." + UUID.randomUUID())
                .exclusive().autoDelete().build();
        rabbitAdmin.declareQueue(deadLetterTap);
        rabbitAdmin.declareBinding(BindingBuilder.bind(deadLetterTap)
                .to(new DirectExchange(ConsumerTopology.DEAD_LETTER_EXCHANGE))
                .with(PaymentEventsConfiguration.QUEUE));
    }

    @AfterEach
    void removeTap() {
        rabbitAdmin.deleteQueue(deadLetterTap.getName());
    }

    @Test
    void shouldMarkTheOrderPaidWhenThePaymentSucceeded() {
        long orderId = newOrder();
        PaymentSucceeded event = paymentFor(orderId);

        publish(event);

        await().atMost(PROCESSING).untilAsserted(() -> {
            Order order = orders.selectById(orderId);
            assertThat(order.getStatus()).isEqualTo(OrderStatus.PAID);
            assertThat(order.getPayOrderNo()).isEqualTo(event.payOrderNo());
            assertThat(order.getPayTime()).isEqualTo(event.paidAt());
        });
    }

    @Test
    void shouldHaveOneEffectForADuplicateEvent() {
        long orderId = newOrder();
        PaymentSucceeded event = paymentFor(orderId);
        PaymentSucceeded redelivered = new PaymentSucceeded(event.eventId(), event.payOrderId(), event.payOrderNo(),
                orderId, event.userId(), event.amount(), event.paidAt().plusSeconds(60));
        long markerOrderId = newOrder();

        publish(event);
        publish(event);
        publish(redelivered);
        // One consumer takes the queue in order: once the marker is paid, the duplicates were handled.
        publish(paymentFor(markerOrderId));

        await().atMost(PROCESSING).until(() -> orders.selectById(markerOrderId).getStatus() == OrderStatus.PAID);
        Order order = orders.selectById(orderId);
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.getPayTime()).isEqualTo(event.paidAt());
        assertThat(deadLettered).doesNotContain(event.eventId());
    }

    @Test
    void shouldDeadLetterAnUnparseableMessageAndGoOnWithTheNext() {
        String messageId = "unparseable-" + UUID.randomUUID();
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(messageId);
        Message garbage = MessageBuilder.withBody("not json".getBytes()).andProperties(properties).build();
        long orderId = newOrder();
        PaymentSucceeded next = paymentFor(orderId);

        rabbitTemplate.send("", PaymentEventsConfiguration.QUEUE, garbage);
        publish(next);

        await().atMost(PROCESSING).until(() -> orders.selectById(orderId).getStatus() == OrderStatus.PAID);
        awaitInDeadLetterQueue(messageId);
    }

    @Test
    void shouldDeadLetterAPaymentForAClosedOrder() {
        long orderId = newOrder();
        orders.update(new LambdaUpdateWrapper<Order>()
                .set(Order::getStatus, OrderStatus.CLOSED).eq(Order::getId, orderId));
        PaymentSucceeded event = paymentFor(orderId);

        publish(event);

        awaitInDeadLetterQueue(event.eventId());
        assertThat(orders.selectById(orderId).getStatus()).isEqualTo(OrderStatus.CLOSED);
    }

    @Test
    void shouldDeadLetterAPaymentForAnUnknownOrder() {
        PaymentSucceeded event = paymentFor(Long.MAX_VALUE);

        publish(event);

        awaitInDeadLetterQueue(event.eventId());
    }

    private long newOrder() {
        return orderService.create(new CreateOrderRequest(7L, 2_500L)).id();
    }

    private PaymentSucceeded paymentFor(long orderId) {
        // Whole seconds: MariaDB behind MySQL Connector/J keeps no fraction, and the test compares exactly.
        Instant paidAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new PaymentSucceeded(UUID.randomUUID().toString(), 1L, "test-" + UUID.randomUUID(), orderId, 7L,
                2_500L, paidAt);
    }

    private void publish(PaymentSucceeded event) {
        rabbitTemplate.convertAndSend("", PaymentEventsConfiguration.QUEUE, event, message -> {
            message.getMessageProperties().setMessageId(event.eventId());
            message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            return message;
        });
    }

    /**
     * Waits until the message was dead-lettered, then takes it out of the real DLQ, so the test
     * leaves the broker as it found it. Other messages there are put back untouched.
     */
    private void awaitInDeadLetterQueue(String messageId) {
        await().atMost(PROCESSING).until(() -> {
            Message tapped;
            while ((tapped = rabbitTemplate.receive(deadLetterTap.getName())) != null) {
                deadLettered.add(tapped.getMessageProperties().getMessageId());
            }
            return deadLettered.contains(messageId);
        });
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500)).until(() -> takeFromDeadLetterQueue(messageId));
    }

    private boolean takeFromDeadLetterQueue(String messageId) {
        return Boolean.TRUE.equals(rabbitTemplate.execute(channel -> {
            List<Long> others = new ArrayList<>();
            try {
                GetResponse response;
                while ((response = channel.basicGet(PaymentEventsConfiguration.DEAD_LETTER_QUEUE, false)) != null) {
                    long tag = response.getEnvelope().getDeliveryTag();
                    if (messageId.equals(response.getProps().getMessageId())) {
                        channel.basicAck(tag, false);
                        return true;
                    }
                    others.add(tag);
                }
                return false;
            } finally {
                for (long tag : others) {
                    channel.basicNack(tag, false, true);
                }
            }
        }));
    }
}

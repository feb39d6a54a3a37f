package com.hmall.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.chaos.ChaosKnobs;
import com.hmall.starter.chaos.ChaosSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What every consumer of {@link PaymentSucceeded} promises, against the real broker and database:
 * one effect per payment whatever arrives twice, the dead-letter queue for what can never succeed
 * (at once) and for what kept failing (after the bounded retry), its metrics, and events held in the
 * queue during a chaos outage. A consumer's test extends this and says only where its queues are,
 * how its effect is seen, and what its own rule is.
 *
 * <p>The context must have one listener thread ({@code spring.rabbitmq.listener.simple.concurrency=1})
 * and the chaos knobs on ({@code demo.chaos.enabled=true}). Where a test must show that a message
 * changed nothing, it publishes a marker payment after it and waits for the marker's effect: the queue
 * is FIFO with one consumer, so once the marker is handled the messages before it have been too.
 * Events go through the default exchange straight to the consumer's queue, so the other services'
 * queues bound to {@code pay.topic} see nothing, and only the test's own dead letters are taken out.
 */
public abstract class AbstractPaymentConsumerContractTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    protected RabbitTemplate rabbitTemplate;

    @Autowired
    private AmqpAdmin amqpAdmin;

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private ChaosKnobs chaosKnobs;

    @Value("${spring.rabbitmq.listener.simple.retry.max-retries}")
    private int maxRetries;

    private final String queue;
    private final String deadLetterQueue;

    protected PaymentMessages messages;

    /** For the consumer of {@code queue}, whose dead letters land in {@code deadLetterQueue}. */
    protected AbstractPaymentConsumerContractTest(String queue, String deadLetterQueue) {
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** How many times the payment's effect is there: 1 once handled, 0 before, never more. */
    protected abstract long effectsOf(PaymentSucceeded event);

    /** The consumer's own rule, checked on the effect of {@code event} (what it computed, wrote, moved). */
    protected abstract void assertEffectOf(PaymentSucceeded event);

    /** Has the same payment handled the way pay-service's sync mode does, through the service's API. */
    protected abstract void handleThroughTheSyncCall(PaymentSucceeded event);

    /**
     * Makes writing the effect of this payment answer {@code failure} on every attempt (it fails the
     * way a database that is down would, and counts): {@code doAnswer(failure).when(spy).write(..)}.
     */
    protected abstract void failEveryAttemptFor(PaymentSucceeded event, Answer<?> failure);

    /**
     * A payment the consumer can act on: by default a new user and pay order, 123.45 yuan for trade
     * order 17. A consumer that needs something to exist first (trade: the order) overrides it.
     */
    protected PaymentSucceeded newPayment() {
        return payment(PaymentMessages.uniqueUserId(), 17L, PaymentMessages.uniquePayOrderNo(), 12_345L);
    }

    /** Whole seconds: MariaDB behind MySQL Connector/J keeps no fraction, and tests compare exactly. */
    protected static PaymentSucceeded payment(long userId, long bizOrderNo, String payOrderNo, long amount) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), 1L, payOrderNo, bizOrderNo, userId, amount,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @BeforeEach
    void setUpMessages() {
        messages = new PaymentMessages(rabbitTemplate, queue, deadLetterQueue);
    }

    /** The knobs are shared by the whole context: every test leaves them calm, pass or fail. */
    @AfterEach
    void calmDown() {
        chaosKnobs.apply(ChaosSettings.CALM);
    }

    @Test
    void shouldHaveTheEffectWhenThePaymentEventArrivesAndMeasureIt() {
        PaymentSucceeded event = newPayment();
        double consumedBefore = consumed();
        long lagsBefore = lagsMeasured();

        messages.publish(event);

        await().atMost(PATIENCE).until(() -> effectsOf(event) == 1);
        assertEffectOf(event);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(consumed()).isGreaterThan(consumedBefore);
            assertThat(lagsMeasured()).isGreaterThan(lagsBefore);
        });
    }

    @Test
    void shouldHaveOneEffectForARedeliveryAndADuplicate() {
        PaymentSucceeded event = newPayment();
        // Another event for the same payment, as a second publication of the outbox row would be.
        PaymentSucceeded duplicate = new PaymentSucceeded(UUID.randomUUID().toString(), event.payOrderId(),
                event.payOrderNo(), event.bizOrderNo(), event.userId(), event.amount(), event.paidAt().plusSeconds(60));

        messages.publish(event);
        messages.publish(event);
        messages.publish(duplicate);
        awaitMarker();

        assertThat(effectsOf(event)).isEqualTo(1);
        assertEffectOf(event);
        assertThat(messages.takeDeadLetter(event.eventId())).isFalse();
        assertThat(messages.takeDeadLetter(duplicate.eventId())).isFalse();
    }

    @Test
    void shouldHaveOneEffectWhenTheSyncCallGotThereFirst() {
        PaymentSucceeded event = newPayment();
        handleThroughTheSyncCall(event);

        messages.publish(event);
        awaitMarker();

        assertThat(effectsOf(event)).isEqualTo(1);
        assertThat(messages.takeDeadLetter(event.eventId())).isFalse();
    }

    @Test
    void shouldDeadLetterAndCountEventsThatBreakTheContract() {
        PaymentSucceeded valid = newPayment();
        List<PaymentSucceeded> broken = List.of(
                withAmount(valid, 0),
                withPayOrderNo(valid, null),
                withPayOrderNo(valid, " "));
        double deadLetteredBefore = deadLettered();

        broken.forEach(messages::publish);

        for (PaymentSucceeded event : broken) {
            await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(event.eventId()));
        }
        assertThat(effectsOf(valid)).isZero();
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + broken.size());
    }

    @Test
    void shouldDeadLetterAnUnparseableMessageAndGoOnWithTheNext() {
        String messageId = "unparseable-" + UUID.randomUUID();
        PaymentSucceeded next = newPayment();
        double deadLetteredBefore = deadLettered();

        messages.publishRaw("not json", messageId);
        messages.publish(next);

        await().atMost(PATIENCE).until(() -> effectsOf(next) == 1);
        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(messageId));
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1);
    }

    @Test
    void shouldRetryAFailingEffectThenDeadLetterIt() {
        PaymentSucceeded event = newPayment();
        AtomicInteger attempts = new AtomicInteger();
        failEveryAttemptFor(event, invocation -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("The database is down");
        });
        double deadLetteredBefore = deadLettered();

        messages.publish(event);

        await().atMost(PATIENCE).until(() -> messages.takeDeadLetter(event.eventId()));
        assertThat(attempts.get()).as("first delivery and every retry").isEqualTo(maxRetries + 1);
        assertThat(effectsOf(event)).isZero();
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1);
    }

    @Test
    void shouldHoldEventsInTheQueueDuringAnOutageAndHandleThemAfter() {
        PaymentSucceeded event = newPayment();
        chaosKnobs.apply(new ChaosSettings(0L, true));

        messages.publish(event);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> effectsOf(event) == 0);
        assertThat(readyMessages()).isPositive();

        chaosKnobs.apply(ChaosSettings.CALM);

        await().atMost(PATIENCE).until(() -> effectsOf(event) == 1);
        assertEffectOf(event);
    }

    /** Publishes a payment of its own and waits for its effect: everything queued before it was handled. */
    protected void awaitMarker() {
        PaymentSucceeded marker = newPayment();
        messages.publish(marker);
        await().atMost(PATIENCE).until(() -> effectsOf(marker) == 1);
    }

    private static PaymentSucceeded withAmount(PaymentSucceeded event, long amount) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), event.payOrderId(), event.payOrderNo(),
                event.bizOrderNo(), event.userId(), amount, event.paidAt());
    }

    private static PaymentSucceeded withPayOrderNo(PaymentSucceeded event, String payOrderNo) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), event.payOrderId(), payOrderNo,
                event.bizOrderNo(), event.userId(), event.amount(), event.paidAt());
    }

    private double consumed() {
        Counter counter = meterRegistry.find("hmall.events.consumed").counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        Counter counter = meterRegistry.find("hmall.events.dead.lettered").counter();
        return counter == null ? 0 : counter.count();
    }

    private long lagsMeasured() {
        Timer timer = meterRegistry.find("hmall.payment.lag").timer();
        return timer == null ? 0 : timer.count();
    }

    private long readyMessages() {
        QueueInformation info = amqpAdmin.getQueueInfo(queue);
        return info == null ? 0 : info.getMessageCount();
    }
}

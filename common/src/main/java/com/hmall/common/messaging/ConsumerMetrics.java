package com.hmall.common.messaging;

import java.time.Duration;
import java.time.Instant;

import com.hmall.common.event.PaymentSucceeded;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a consumer measures about the events it handles: how many it consumed
 * ({@code hmall.events.consumed}) and gave up on into its dead-letter queue
 * ({@code hmall.events.dead.lettered}), and how long after the payment its effect was written
 * ({@code hmall.payment.lag}, the "eventually" of eventual consistency, in numbers). Meters are
 * registered on first use, so services that consume nothing do not show them.
 */
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final String consumer;

    public ConsumerMetrics(MeterRegistry registry, String consumer) {
        this.registry = registry;
        this.consumer = consumer;
    }

    /** The event was handled: its effect is written now, or was already (a redelivery). */
    public void effectWritten(PaymentSucceeded event) {
        Counter.builder("hmall.events.consumed")
                .description("Events this consumer handled, redeliveries included")
                .tag("consumer", consumer)
                .register(registry)
                .increment();
        if (event.paidAt() == null) {
            return;
        }
        Timer.builder("hmall.payment.lag")
                .description("Time from a payment (its paidAt) to this consumer's effect")
                .tag("consumer", consumer)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(event.paidAt(), Instant.now()));
    }

    /** A message this consumer could not handle went to its dead-letter queue. */
    public void deadLettered() {
        Counter.builder("hmall.events.dead.lettered")
                .description("Messages this consumer rejected into its dead-letter queue")
                .tag("consumer", consumer)
                .register(registry)
                .increment();
    }
}

package com.hmall.common.messaging;

import java.time.Duration;
import java.time.Instant;

import com.hmall.common.event.PaymentSucceeded;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a consumer measures about the events it handles: how long after the payment its effect
 * was written ({@code hmall.payment.lag}, the "eventually" of eventual consistency, in numbers).
 * The meter is registered on first use, so services that consume nothing do not show it.
 */
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final String consumer;

    public ConsumerMetrics(MeterRegistry registry, String consumer) {
        this.registry = registry;
        this.consumer = consumer;
    }

    public void effectWritten(PaymentSucceeded event) {
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
}

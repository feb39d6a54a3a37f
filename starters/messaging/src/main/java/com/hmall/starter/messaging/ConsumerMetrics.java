package com.hmall.starter.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.amqp.core.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a consumer measures about the events it handles: how many it consumed
 * ({@code hmall.events.consumed}) and gave up on into its dead-letter queue
 * ({@code hmall.events.dead.lettered}), and how long after the payment its effect was written
 * ({@code hmall.payment.lag}, the "eventually" of eventual consistency, in numbers: from the event's
 * {@code paidAt}). Meters are registered on first use, so services that consume nothing show none.
 */
public class ConsumerMetrics {

    /** The field of an event that says when the payment happened. */
    static final String OCCURRED_AT = "paidAt";

    private final MeterRegistry registry;
    private final JsonMapper jsonMapper;
    private final String consumer;

    public ConsumerMetrics(MeterRegistry registry, JsonMapper jsonMapper, String consumer) {
        this.registry = registry;
        this.jsonMapper = jsonMapper;
        this.consumer = consumer;
    }

    /** The {@code consumer} tag of this service's meters. */
    public String consumer() {
        return consumer;
    }

    /** The listener returned: the event's effect is written now, or was already (a redelivery). */
    public void handled(Message message) {
        Counter.builder("hmall.events.consumed")
                .description("Events this consumer handled, redeliveries included")
                .tag("consumer", consumer)
                .register(registry)
                .increment();
        Instant paidAt = paidAt(message);
        if (paidAt == null) {
            return;
        }
        Timer.builder("hmall.payment.lag")
                .description("Time from a payment (its paidAt) to this consumer's effect")
                .tag("consumer", consumer)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(paidAt, Instant.now()));
    }

    /** A message this consumer could not handle went to its dead-letter queue. */
    public void deadLettered() {
        Counter.builder("hmall.events.dead.lettered")
                .description("Messages this consumer rejected into its dead-letter queue")
                .tag("consumer", consumer)
                .register(registry)
                .increment();
    }

    private Instant paidAt(Message message) {
        try {
            JsonNode occurredAt = jsonMapper.readTree(message.getBody()).path(OCCURRED_AT);
            return occurredAt.isString() ? Instant.parse(occurredAt.asString()) : null;
        } catch (JacksonException | DateTimeParseException notAnEventWithATime) {
            return null;
        }
    }
}

package com.hmall.pay.outbox;

import java.time.Duration;
import java.time.Instant;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hmall.payevents.PayEvents;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

    /**
     * pay-service declares only the exchange it publishes to. Each consumer declares and binds its
     * own queue, so a new consumer needs no change here.
     */
    @Bean
    TopicExchange payExchange() {
        return PayEvents.payExchange();
    }

    /** The outbox seen from outside: how many events wait, and for how long the oldest has. */
    @Bean
    MeterBinder outboxMetrics(OutboxMapper rows) {
        return registry -> {
            Gauge.builder("hmall.outbox.backlog", rows, OutboxMapper::countUnsent)
                    .description("Events written but not yet confirmed by the broker")
                    .register(registry);
            Gauge.builder("hmall.outbox.oldest.age", rows, OutboxConfiguration::oldestUnsentAgeSeconds)
                    .description("Age of the oldest unsent event, 0 when none waits")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }

    private static double oldestUnsentAgeSeconds(OutboxMapper rows) {
        Instant oldest = rows.oldestUnsentCreatedAt();
        return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis() / 1000.0;
    }
}

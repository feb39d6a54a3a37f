package com.hmall.pay.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxRelayTests {

    private final OutboxRelay relay = new OutboxRelay(null, null,
            new OutboxProperties(100, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofDays(7)), null, null, null);

    @Test
    void shouldDoubleTheBackoffAfterEachFailedAttempt() {
        assertThat(relay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(relay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(relay.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void shouldNeverWaitLongerThanTheMaximumBackoff() {
        assertThat(relay.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(relay.backoff(1_000)).isEqualTo(Duration.ofSeconds(60));
    }
}

package com.hmall.pay.payment;

import org.springframework.stereotype.Component;

import com.hmall.pay.mode.PaymentMode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import lombok.RequiredArgsConstructor;

/** {@code hmall.payments}: how long balance payments take, by mode and outcome (SUCCESS or the error code). */
@Component
@RequiredArgsConstructor
class PaymentMetrics {

    private final MeterRegistry registry;

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, PaymentMode mode, String outcome) {
        sample.stop(Timer.builder("hmall.payments")
                .description("Balance payments, by the mode they ran in and how they ended")
                .tag("mode", mode.wireName())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }
}

package com.hmall.pay.mode;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import lombok.extern.slf4j.Slf4j;

/** The run-time sync/async switch. Starts from {@code pay.mode}; each payment reads it once. */
@Slf4j
@Component
public class ModeSwitch {

    private final AtomicReference<PaymentMode> mode;

    ModeSwitch(@Value("${pay.mode:async}") String initialMode) {
        this.mode = new AtomicReference<>(PaymentMode.fromWireName(initialMode.trim()));
    }

    public PaymentMode current() {
        return mode.get();
    }

    public void switchTo(PaymentMode next) {
        PaymentMode previous = mode.getAndSet(next);
        if (previous != next) {
            log.info("Payment mode switched from {} to {}", previous.wireName(), next.wireName());
        }
    }
}

package com.hmall.pay.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param claimTimeout how long a payment attempt may hold its pay order; an older claim belongs to
 *                     a request that died (a crash, a kill) and is settled by
 *                     {@link StalePaymentRecovery}. Longer than any payment can take.
 */
@ConfigurationProperties("pay.payment")
public record PaymentProperties(Duration claimTimeout) {
}

package com.hmall.pay.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimMargin how long a payment attempt's claim outlives the deadline of its deduction
 *                    ({@link ClaimLease}): the most two hosts' clocks may differ, and more than a
 *                    thread takes to note the answer
 */
@ConfigurationProperties("pay.payment")
public record PaymentProperties(@DefaultValue("5s") Duration claimMargin) {
}

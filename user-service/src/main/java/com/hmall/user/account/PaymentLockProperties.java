package com.hmall.user.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code user.payment-lock.*}: how long payments stay locked after too many wrong pay passwords. */
@ConfigurationProperties("user.payment-lock")
public record PaymentLockProperties(@DefaultValue("15m") Duration coolDown) {
}

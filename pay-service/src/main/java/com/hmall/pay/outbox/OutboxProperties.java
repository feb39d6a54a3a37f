package com.hmall.pay.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param batchSize      rows one relay pass locks and publishes
 * @param confirmTimeout how long to wait for the broker's confirms of one batch
 * @param maxBackoff     the longest wait between two tries of one row
 * @param retention      how long sent rows are kept before they are deleted
 */
@ConfigurationProperties("pay.outbox")
public record OutboxProperties(int batchSize, Duration confirmTimeout, Duration maxBackoff, Duration retention) {
}

package com.hmall.pay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.cloud.openfeign.FeignClientProperties;
import org.springframework.cloud.openfeign.FeignClientProperties.FeignClientConfiguration;
import org.springframework.stereotype.Component;

/**
 * How long a payment attempt may hold its pay order. The lease is sized from the deduction call
 * itself: the attempt waits at most user-service's connect and read timeouts for the answer, and
 * tells user-service that same instant as the deduction's deadline, after which it deducts nothing.
 * So once the deadline has passed, whatever the attempt did at user-service is done and can be
 * looked up: a refund then settles it for good. The lease ends {@code claim-margin} after the
 * deadline, for the clocks of two hosts that differ a little and for a thread that is slow to note
 * the answer.
 *
 * <p>With the shipped timeouts (1 s + 12 s) and margin (5 s), money held by an attempt that died is
 * settled at most 18 s after it started, by any pay-service instance that is running.
 */
@Component
class ClaimLease {

    /** The name of user-service's Feign client, whose timeouts bound the deduction. */
    private static final String USER_SERVICE = "user-service";

    private final Duration callTimeout;
    private final Duration margin;

    ClaimLease(FeignClientProperties feign, PaymentProperties properties) {
        this.callTimeout = timeoutOf(feign, USER_SERVICE);
        this.margin = properties.claimMargin();
    }

    /** A new lease from {@code now}, under a token of its own. */
    Claim start(Instant now) {
        Instant deadline = now.plus(callTimeout);
        return new Claim(UUID.randomUUID().toString(), deadline, deadline.plus(margin));
    }

    /** Connect plus read timeout of the client, each from its own configuration or else the default one. */
    private static Duration timeoutOf(FeignClientProperties feign, String client) {
        FeignClientConfiguration own = feign.getConfig().get(client);
        FeignClientConfiguration fallback = feign.getConfig().get(feign.getDefaultConfig());
        Integer connect = first(own == null ? null : own.getConnectTimeout(),
                fallback == null ? null : fallback.getConnectTimeout());
        Integer read = first(own == null ? null : own.getReadTimeout(),
                fallback == null ? null : fallback.getReadTimeout());
        if (connect == null || read == null) {
            throw new IllegalStateException("spring.cloud.openfeign.client.config." + client + " (or .default) must set"
                    + " connect-timeout and read-timeout: the pay order's claim lease is sized from them");
        }
        return Duration.ofMillis((long) connect + read);
    }

    private static Integer first(Integer preferred, Integer fallback) {
        return preferred != null ? preferred : fallback;
    }

    /**
     * One attempt's hold on a pay order.
     *
     * @param token    names the attempt; only it may mark the order paid or release it
     * @param deadline the deduction's deadline, sent to user-service
     * @param until    when the lease ends and the recovery may settle the order
     */
    record Claim(String token, Instant deadline, Instant until) {
    }
}

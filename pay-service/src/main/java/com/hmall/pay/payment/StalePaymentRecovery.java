package com.hmall.pay.payment;

import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Settles payment attempts that died half-way: pay-service killed after user-service deducted but
 * before the pay order was marked paid, or a refund that could not reach user-service. Such an
 * order is still WAITING with an old claim; its deduction is refunded (a no-op when there was
 * none) and the claim released, so the money is back and the order can be paid again.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class StalePaymentRecovery {

    private static final int BATCH = 100;

    private final PayOrderMapper payOrders;
    private final UserBalance userBalance;
    private final PaymentProperties properties;

    @Scheduled(fixedDelayString = "${pay.payment.recovery-interval-ms:5000}")
    void settleStaleClaims() {
        Instant staleBefore = Instant.now().minus(properties.claimTimeout());
        for (PayOrder order : payOrders.findStaleClaims(staleBefore, BATCH)) {
            if (userBalance.refund(order)
                    && payOrders.releaseStaleClaim(order.getId(), order.getPayingSince(), Instant.now()) == 1) {
                log.info("Settled the unfinished payment attempt of pay order {}: refunded and released",
                        order.getPayOrderNo());
            }
        }
    }
}

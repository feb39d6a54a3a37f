package com.hmall.pay.payment;

import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hmall.pay.payment.ClaimLease.Claim;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Settles payment attempts that died half-way: pay-service killed after user-service deducted but
 * before the pay order was marked paid, or a refund that could not reach user-service. Such an
 * order is still WAITING, claimed under a lease that has ended ({@link ClaimLease}): by then the
 * deduction's deadline has passed, so whatever user-service did is final. The recovery takes the
 * claim over (the dead attempt, should it only have been slow, can no longer mark the order paid),
 * refunds the deduction (nothing, when there was none) and releases the order: the money is back
 * and the order can be paid again. Runs at start-up and then every few seconds, in every
 * pay-service instance; taking over is a guarded update, so one instance settles each order.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class StalePaymentRecovery {

    private static final int BATCH = 100;

    private final PayOrderMapper payOrders;
    private final UserBalance userBalance;
    private final ClaimLease lease;

    @Scheduled(fixedDelayString = "${pay.payment.recovery-interval-ms:5000}")
    void settleExpiredClaims() {
        Instant now = Instant.now();
        for (PayOrder order : payOrders.findExpiredClaims(now, BATCH)) {
            Claim takeover = lease.start(Instant.now());
            if (payOrders.takeOverExpiredClaim(order.getId(), order.getClaimToken(), takeover.token(), Instant.now(),
                    takeover.until()) != 1) {
                continue;
            }
            if (userBalance.refund(order) != UserBalance.Refund.FAILED
                    && payOrders.release(order.getId(), takeover.token(), Instant.now()) == 1) {
                log.info("Settled the unfinished payment attempt of pay order {}: refunded and released",
                        order.getPayOrderNo());
            }
        }
    }
}

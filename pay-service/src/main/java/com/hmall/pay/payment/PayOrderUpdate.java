package com.hmall.pay.payment;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.payment.ClaimLease.Claim;
import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentStep;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.RequiredArgsConstructor;

/** The payment's own step: its pay order WAITING → SUCCESS, as the {@code pay-order} step. */
@Component
@RequiredArgsConstructor
class PayOrderUpdate {

    private final PayOrderMapper payOrders;
    private final PayOrderService payOrderService;
    private final PaymentObservations observations;
    private final TransactionTemplate transactions;

    /**
     * Marks the order paid, now, if this attempt still holds its claim; {@code order} then says so.
     *
     * @throws ApiException ALREADY_PAID or STATE_CONFLICT when the attempt's lease ran out and another
     *                      attempt or the recovery holds the order now
     */
    void markPaid(PayOrder order, Claim claim, PaymentMode mode) {
        observations.step(PaymentStep.PAY_ORDER, order.getId(), () -> markPaidNow(order, claim, mode));
    }

    /**
     * Marks the order paid and runs {@code alongside} in the same transaction, so that what it writes
     * (the outbox row of the event) exists exactly when the order is paid; the step ends with the commit.
     */
    void markPaid(PayOrder order, Claim claim, PaymentMode mode, Runnable alongside) {
        observations.step(PaymentStep.PAY_ORDER, order.getId(), () -> transactions.executeWithoutResult(tx -> {
            markPaidNow(order, claim, mode);
            alongside.run();
        }));
    }

    private void markPaidNow(PayOrder order, Claim claim, PaymentMode mode) {
        Instant paidAt = Instant.now();
        if (payOrders.markSucceeded(order.getId(), claim.token(), paidAt, mode) != 1) {
            // That other holder settles the deduction (reuses it, or gives it back), not this attempt.
            if (payOrderService.load(order.getId()).getStatus() == PayStatus.SUCCESS) {
                throw new ApiException(ErrorCode.ALREADY_PAID, "Pay order " + order.getId() + " was paid meanwhile");
            }
            throw ApiException.stateConflict("This payment of pay order " + order.getId() + " took longer than its"
                    + " claim on the order and did not go through; nothing is charged twice: read the pay order"
                    + " before paying again");
        }
        order.setStatus(PayStatus.SUCCESS);
        order.setPaidAt(paidAt);
    }
}

package com.hmall.pay.payment;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;
import com.hmall.pay.mode.ModeSwitch;
import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.outbox.Outbox;
import com.hmall.pay.payment.ClaimLease.Claim;

import com.hmall.pay.steps.PaymentObservations;
import com.hmall.pay.steps.PaymentObservations.PaymentFacts;
import com.hmall.pay.steps.PaymentStep;

import io.micrometer.observation.Observation;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * A balance payment: deduct the balance (user-service), mark the pay order paid, then tell the
 * follow-up services, either by calling them in turn (sync) or by one event (async).
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class PaymentService {

    private final PayOrderService payOrderService;
    private final PayOrderMapper payOrders;
    private final UserBalance userBalance;
    private final SyncFollowUps syncFollowUps;
    private final Outbox outbox;
    private final ModeSwitch modeSwitch;
    private final TransactionTemplate transactions;
    private final ClaimLease lease;
    private final PaymentObservations observations;

    public BalancePaymentResult payWithBalance(long payOrderId, String password) {
        PaymentMode mode = modeSwitch.current();
        Observation payment = observations.startPayment(payOrderId, mode.wireName());
        try (Observation.Scope scope = payment.openScope()) {
            BalancePaymentResult result = pay(payment, payOrderId, password, mode);
            observations.finish(payment, null);
            return result;
        } catch (RuntimeException e) {
            observations.finish(payment, e);
            throw e;
        }
    }

    private BalancePaymentResult pay(Observation payment, long payOrderId, String password, PaymentMode mode) {
        Claim claim = lease.start(Instant.now());
        PayOrder order = claim(payOrderId, claim);
        observations.claimed(payment, new PaymentFacts(order.getPayOrderNo(), order.getBizOrderNo(),
                order.getUserId(), order.getAmount()));
        try {
            observations.step(PaymentStep.DEDUCT, payOrderId,
                    () -> userBalance.deduct(order, password, claim.deadline()));
        } catch (DownstreamFailure failure) {
            refundAndRelease(order, claim.token(), failure.isOutcomeUnknown());
            throw failure;
        } catch (RuntimeException payerError) {
            payOrders.release(payOrderId, claim.token(), Instant.now());
            throw payerError;
        }
        Instant paidAt = Instant.now();
        if (mode == PaymentMode.ASYNC) {
            observations.step(PaymentStep.PAY_ORDER, payOrderId, () -> transactions.executeWithoutResult(tx -> {
                markSucceeded(order, claim, paidAt, mode);
                outbox.add(eventFor(order, paidAt));
            }));
        } else {
            observations.step(PaymentStep.PAY_ORDER, payOrderId, () -> markSucceeded(order, claim, paidAt, mode));
            callFollowUpsOrCompensate(order, claim);
        }
        return new BalancePaymentResult(order.getId(), order.getPayOrderNo(), PayStatus.SUCCESS, mode);
    }

    /**
     * Takes the WAITING pay order for this attempt alone, under its lease. Concurrent payments of the
     * same order find it claimed and fail at once, before they reach user-service.
     */
    private PayOrder claim(long payOrderId, Claim claim) {
        if (payOrders.claim(payOrderId, claim.token(), Instant.now(), claim.until()) == 1) {
            return payOrderService.load(payOrderId);
        }
        PayOrder order = payOrderService.load(payOrderId);
        if (order.getStatus() != PayStatus.WAITING) {
            throw new ApiException(ErrorCode.ALREADY_PAID,
                    "Pay order " + payOrderId + " is " + order.getStatus() + ", not WAITING");
        }
        throw ApiException.stateConflict("Pay order " + payOrderId + " is being paid by another request");
    }

    private void markSucceeded(PayOrder order, Claim claim, Instant paidAt, PaymentMode mode) {
        if (payOrders.markSucceeded(order.getId(), claim.token(), paidAt, mode) != 1) {
            // Our lease ran out and another attempt or the recovery holds the order now: that one
            // settles the deduction (reuses it, or gives it back), not this one.
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

    /** Sync mode: a failed follow-up undoes the payment, newest step first, so no money is lost. */
    private void callFollowUpsOrCompensate(PayOrder order, Claim claim) {
        try {
            syncFollowUps.callInTurn(order);
        } catch (DownstreamFailure failure) {
            // Claimed again, under a fresh lease, until the refund has gone through.
            payOrders.revertToWaiting(order.getId(), claim.token(), Instant.now(), lease.start(Instant.now()).until());
            refundAndRelease(order, claim.token(), false);
            log.warn("Sync payment of pay order {} compensated: {}", order.getPayOrderNo(), failure.getMessage());
            throw failure;
        }
    }

    /**
     * Gives back a deduction that may have happened and frees the order for another attempt. The
     * order stays claimed, and {@link StalePaymentRecovery} settles it once the lease has ended, when
     * user-service cannot take the refund now, or when it holds no deduction yet but the deduction's
     * answer never came: that deduction may still be made until its deadline.
     */
    private void refundAndRelease(PayOrder order, String claimToken, boolean deductionOutcomeUnknown) {
        UserBalance.Refund refund = observations.step(PaymentStep.REFUND, order.getId(),
                () -> userBalance.refund(order));
        boolean settled = refund == UserBalance.Refund.REFUNDED
                || refund == UserBalance.Refund.NOTHING_DEDUCTED && !deductionOutcomeUnknown;
        if (settled) {
            payOrders.release(order.getId(), claimToken, Instant.now());
        }
    }

    private static PaymentSucceeded eventFor(PayOrder order, Instant paidAt) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), order.getId(), order.getPayOrderNo(),
                order.getBizOrderNo(), order.getUserId(), order.getAmount(), paidAt);
    }
}

package com.hmall.pay.payment;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.hmall.pay.mode.ModeSwitch;
import com.hmall.pay.mode.PaymentMode;
import com.hmall.pay.outbox.Outbox;
import com.hmall.pay.payment.ClaimLease.Claim;
import com.hmall.pay.steps.PaymentObservations;
import com.hmall.payevents.PaymentSucceeded;
import com.hmall.starter.web.ApiException;
import com.hmall.starter.web.ErrorCode;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * A balance payment: deduct the balance (user-service), mark the pay order paid, then tell the
 * follow-up services, either by calling them in turn (sync) or by one event (async). Each step is
 * observed by the collaborator that makes it, so this flow reads as the lesson tells it.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class PaymentService {

    private final PayOrderService payOrderService;
    private final PayOrderMapper payOrders;
    private final UserBalance userBalance;
    private final PayOrderUpdate payOrderUpdate;
    private final SyncFollowUps syncFollowUps;
    private final Outbox outbox;
    private final ModeSwitch modeSwitch;
    private final ClaimLease lease;
    private final PaymentObservations observations;

    public BalancePaymentResult payWithBalance(long payOrderId, String password) {
        PaymentMode mode = modeSwitch.current();
        return observations.payment(payOrderId, mode.wireName(), () -> pay(payOrderId, password, mode));
    }

    private BalancePaymentResult pay(long payOrderId, String password, PaymentMode mode) {
        Claim claim = lease.start(Instant.now());
        PayOrder order = claim(payOrderId, claim);

        deductOrRelease(order, password, claim);
        if (mode == PaymentMode.SYNC) {
            payOrderUpdate.markPaid(order, claim, mode);
            callFollowUpsOrCompensate(order, claim);
        } else {
            payOrderUpdate.markPaid(order, claim, mode, () -> outbox.add(eventFor(order)));
        }
        return new BalancePaymentResult(order.getId(), order.getPayOrderNo(), PayStatus.SUCCESS, mode);
    }

    /**
     * Takes the WAITING pay order for this attempt alone, under its lease. Concurrent payments of the
     * same order find it claimed and fail at once, before they reach user-service.
     */
    private PayOrder claim(long payOrderId, Claim claim) {
        boolean claimed = payOrders.claim(payOrderId, claim.token(), Instant.now(), claim.until()) == 1;
        PayOrder order = payOrderService.load(payOrderId);
        observations.payOrder(order.getPayOrderNo(), order.getUserId(), order.getAmount());
        if (claimed) {
            return order;
        }
        if (order.getStatus() != PayStatus.WAITING) {
            throw new ApiException(ErrorCode.ALREADY_PAID,
                    "Pay order " + payOrderId + " is " + order.getStatus() + ", not WAITING");
        }
        throw ApiException.stateConflict("Pay order " + payOrderId + " is being paid by another request");
    }

    /**
     * Deducts the balance. When that fails the order is freed for another attempt: at once after the
     * payer's mistake, after a refund when user-service failed (the deduction may have been made).
     */
    private void deductOrRelease(PayOrder order, String password, Claim claim) {
        try {
            userBalance.deduct(order, password, claim.deadline());
        } catch (DownstreamFailure failure) {
            refundAndRelease(order, claim.token(), failure.isOutcomeUnknown());
            throw failure;
        } catch (RuntimeException payerError) {
            payOrders.release(order.getId(), claim.token(), Instant.now());
            throw payerError;
        }
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
        UserBalance.Refund refund = userBalance.refund(order);
        boolean settled = refund == UserBalance.Refund.REFUNDED
                || refund == UserBalance.Refund.NOTHING_DEDUCTED && !deductionOutcomeUnknown;
        if (settled) {
            payOrders.release(order.getId(), claimToken, Instant.now());
        }
    }

    private static PaymentSucceeded eventFor(PayOrder order) {
        return new PaymentSucceeded(UUID.randomUUID().toString(), order.getId(), order.getPayOrderNo(),
                order.getBizOrderNo(), order.getUserId(), order.getAmount(), order.getPaidAt());
    }
}
